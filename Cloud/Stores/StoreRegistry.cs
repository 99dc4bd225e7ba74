using System.Collections.Concurrent;
using System.Security.Cryptography;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Stores;

/// <summary>Registered stores and their signing secrets.</summary>
public sealed class StoreRegistry(CloudDatabase database)
{
    /// <summary>
    /// Secrets held by this silo: every store's, read when it starts (<see cref="LoadAsync"/>), then each store it
    /// registers or looks up. A store's secret never changes after registration (a PUT of a known store only renames
    /// it) and stores are never removed, so a secret read is good for the silo's life. An unknown store is not
    /// remembered: it may be registered (through any silo) at any moment.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);

    /// <summary>Reads every registered store's secret; once the database runs, before requests are served.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select store_id, secret from stores");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _secrets.TryAdd(reader.GetString(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>
    /// The store's signing key if this silo holds it, without asking the database (for a client limited for failing
    /// to authenticate: checking its signature must cost no lookup). Null for a store registered through another
    /// silo since this one started that nobody has sent a batch of here yet.
    /// </summary>
    public byte[]? KnownSecret(string storeId) => _secrets.GetValueOrDefault(storeId);

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
            _secrets.TryAdd(storeId, secret);
        }
        return (created, created ? Convert.ToBase64String(secret) : null);
    }

    /// <summary>The store's signing key, or null when it is not registered.</summary>
    public async Task<byte[]?> SecretAsync(string storeId, CancellationToken cancellationToken)
    {
        if (_secrets.TryGetValue(storeId, out var known))
        {
            return known;
        }
        await using var cmd = database.DataSource.CreateCommand("select secret from stores where store_id = $1");
        cmd.Parameters.AddWithValue(storeId);
        if (await cmd.ExecuteScalarAsync(cancellationToken) is not byte[] secret)
        {
            return null;
        }
        _secrets.TryAdd(storeId, secret);
        return secret;
    }

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
