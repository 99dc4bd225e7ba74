using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Stores;

/// <summary>Registered stores and their signing secrets.</summary>
public sealed partial class StoreRegistry(CloudDatabase database, TimeProvider time, ILogger<StoreRegistry> logger)
{
    /// <summary>How long keys read from the database are used before they are read again (a rotation through another silo).</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keys held by this silo: every store's, read when it starts (<see cref="LoadAsync"/>), then each store it
    /// registers, rotates or looks up, with when they were read. A rotation through another silo is seen here within
    /// <see cref="Freshness"/>, or at once by a signature that matches none of the keys held (<see cref="ReloadAsync"/>).
    /// Stores are never removed. An unknown store is not remembered: it may be registered (through any silo) at any moment.
    /// </summary>
    private readonly ConcurrentDictionary<string, (StoreKeys Keys, DateTimeOffset ReadAt)> _keys = new(StringComparer.Ordinal);

    private const string KeysColumns = "secret, previous_secret, previous_valid_until";

    /// <summary>Reads every registered store's keys; once the database runs, before requests are served.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var cmd = database.DataSource.CreateCommand($"select store_id, {KeysColumns} from stores");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _keys.TryAdd(reader.GetString(0), (KeysOf(reader, 1), now));
        }
    }

    /// <summary>
    /// The store's keys if this silo holds them, without asking the database (for a client limited for failing to
    /// authenticate: checking its signature must cost no lookup). Null for a store registered through another silo
    /// since this one started that nobody has sent a batch of here yet.
    /// </summary>
    public StoreKeys? KnownKeys(string storeId) => _keys.TryGetValue(storeId, out var known) ? known.Keys : null;

    /// <summary>Adds a store with a new secret (returned), or renames an existing one (secret null: it was shown once).</summary>
    public async Task<(bool Created, string? Secret)> PutAsync(string storeId, string name, string timeZone, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var cmd = database.DataSource.CreateCommand("""
            insert into stores (store_id, name, time_zone, secret) values ($1, $2, $3, $4)
            on conflict (store_id) do update set name = excluded.name, time_zone = excluded.time_zone
            returning (xmax = 0)
            """);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(timeZone);
        cmd.Parameters.AddWithValue(secret);
        var created = (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        if (created)
        {
            _keys[storeId] = (new StoreKeys(secret, null, null), time.GetUtcNow());
        }
        return (created, created ? Convert.ToBase64String(secret) : null);
    }

    /// <summary>
    /// Gives the store a new secret (returned, base64) that signs from now on; the current one is still accepted for
    /// <paramref name="grace"/>, and any older previous secret is dropped. Null when the store is not registered.
    /// Two rotations at once queue on the store's row: the second keeps the first's new secret as its previous.
    /// </summary>
    public async Task<(string Secret, DateTimeOffset PreviousValidUntil)?> RotateAsync(string storeId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var now = time.GetUtcNow();
        var until = now + grace;
        await using var cmd = database.DataSource.CreateCommand($"""
            update stores set previous_secret = secret, previous_valid_until = $2, secret = $3, secret_rotated_at = $4
            where store_id = $1
            returning {KeysColumns}
            """);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(until.UtcDateTime);
        cmd.Parameters.AddWithValue(secret);
        cmd.Parameters.AddWithValue(now.UtcDateTime);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var keys = KeysOf(reader, 0);
        _keys[storeId] = (keys, now);
        LogRotated(logger, storeId, keys.PreviousValidUntil!.Value);
        return (Convert.ToBase64String(secret), keys.PreviousValidUntil!.Value);
    }

    /// <summary>The store's keys (read again once held longer than <see cref="Freshness"/>), or null when it is not registered.</summary>
    public async Task<StoreKeys?> KeysAsync(string storeId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(storeId, out var known) && time.GetUtcNow() - known.ReadAt < Freshness)
        {
            return known.Keys;
        }
        return await ReadAsync(storeId, cancellationToken);
    }

    /// <summary>
    /// The store's keys as the database holds them when they differ from <paramref name="held"/> (rotated through
    /// another silo); null when they do not. For a signature that matched none of the keys held.
    /// </summary>
    public async Task<StoreKeys?> ReloadAsync(string storeId, StoreKeys held, CancellationToken cancellationToken) =>
        await ReadAsync(storeId, cancellationToken) is { } read && !read.SameAs(held) ? read : null;

    private async Task<StoreKeys?> ReadAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand($"select {KeysColumns} from stores where store_id = $1");
        cmd.Parameters.AddWithValue(storeId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var keys = KeysOf(reader, 0);
        _keys[storeId] = (keys, time.GetUtcNow());
        return keys;
    }

    private static StoreKeys KeysOf(NpgsqlDataReader reader, int at) => new(
        reader.GetFieldValue<byte[]>(at),
        reader.IsDBNull(at + 1) ? null : reader.GetFieldValue<byte[]>(at + 1),
        reader.IsDBNull(at + 2) ? null : reader.GetFieldValue<DateTimeOffset>(at + 2));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Store {StoreId} has a new secret; the previous one is accepted until {PreviousValidUntil:u}")]
    private static partial void LogRotated(ILogger logger, string storeId, DateTimeOffset previousValidUntil);

    public async Task<IReadOnlyList<StoreSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "select store_id, name, time_zone, acked_seq, head_seq, last_sync_at from stores order by store_id");
        var list = new List<StoreSummary>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StoreSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return list;
    }
}
