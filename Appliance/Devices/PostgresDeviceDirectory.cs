using System.Collections.Concurrent;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Appliance.Database;
using Pos.Contracts.Devices;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>
/// Registered devices in the appliance's PostgreSQL (the SHA-256 of their token, never the token itself), and every
/// device's token hash in memory: loaded when the database starts (<see cref="LoadAsync"/>) and added to when a
/// device is registered, which is right because this process is the only writer of the devices table. So a token is
/// recognised without the database, while it is away too. A database that is not answering is
/// <see cref="JournalUnavailableException"/> (503), never "unknown token".
/// </summary>
public sealed class PostgresDeviceDirectory(PosDatabase database) : IDeviceDirectory, IDeviceRegistry
{
    /// <summary>Devices by the base64 of their token's SHA-256.</summary>
    private readonly ConcurrentDictionary<string, DeviceIdentity> _byTokenHash = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>Reads every device's token hash into memory; once the database runs, before tokens are looked up.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role, token_hash from devices");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A device registered while this ran is there already, from its registration.
            _byTokenHash.TryAdd(Key(reader.GetFieldValue<byte[]>(3)), new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        _loaded = true;
    }

    public DeviceIdentity? FindByToken(string token)
    {
        if (token.Length is 0 or > 512)
        {
            return null;
        }
        if (!_loaded)
        {
            throw new JournalUnavailableException($"{DatabaseOutage.Detail}: it is not started yet.");
        }
        return _byTokenHash.GetValueOrDefault(Key(DevicesApi.HashOf(token)));
    }

    private static string Key(byte[] tokenHash) => Convert.ToBase64String(tokenHash);

    public Task<bool> TryAddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken) =>
        Guard(AddAsync(device, tokenHash, cancellationToken));

    private async Task<bool> AddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            insert into devices (device_id, name, role, token_hash, created_at) values ($1, $2, $3, $4, $5)
            on conflict (device_id) do nothing
            """);
        cmd.Parameters.AddWithValue(device.DeviceId);
        cmd.Parameters.AddWithValue(device.Name);
        cmd.Parameters.AddWithValue(device.Role);
        cmd.Parameters.AddWithValue(tokenHash);
        cmd.Parameters.AddWithValue(device.CreatedAt.ToUniversalTime());
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }
        _byTokenHash[Key(tokenHash)] = new DeviceIdentity(device.DeviceId, device.Name, device.Role);
        return true;
    }

    public Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken cancellationToken) =>
        Guard(ReadAsync("select device_id, name, role, created_at from devices order by device_id", null, cancellationToken));

    public async Task<DeviceView?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        (await Guard(ReadAsync("select device_id, name, role, created_at from devices where device_id = $1", deviceId, cancellationToken)))
            .FirstOrDefault();

    private Task<T> Guard<T>(Task<T> call) => DatabaseOutage.GuardAsync(call, database.DataSource);

    private async Task<IReadOnlyList<DeviceView>> ReadAsync(string sql, string? deviceId, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        if (deviceId is not null)
        {
            cmd.Parameters.AddWithValue(deviceId);
        }
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<DeviceView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeviceView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return list;
    }
}
