using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Appliance.Database;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>
/// Registered devices in the appliance's PostgreSQL, found by the SHA-256 of their token (the token itself is never
/// kept). A database that is not answering is <see cref="JournalUnavailableException"/> (503), never "unknown token":
/// a device must not be told its token is wrong because the database is away.
/// </summary>
public sealed class PostgresDeviceDirectory(PosDatabase database) : IDeviceDirectory, IDeviceRegistry
{
    public Task<DeviceIdentity?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 512)
        {
            return Task.FromResult<DeviceIdentity?>(null);
        }
        if (!database.Ready)
        {
            return Task.FromException<DeviceIdentity?>(new JournalUnavailableException($"{DatabaseOutage.Detail}: it is not started yet."));
        }
        return Guard(FindByHashAsync(DevicesApi.HashOf(token), cancellationToken));
    }

    private async Task<DeviceIdentity?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role from devices where token_hash = $1");
        cmd.Parameters.AddWithValue(tokenHash);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

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
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
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
