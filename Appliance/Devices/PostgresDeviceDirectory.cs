using Npgsql;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Appliance.Database;

namespace Pos.Appliance.Devices;

/// <summary>Registered devices in the appliance's PostgreSQL, found by the SHA-256 of their token (the token itself is never kept).</summary>
public sealed class PostgresDeviceDirectory(PosDatabase database) : IDeviceDirectory, IDeviceRegistry
{
    public async Task<DeviceIdentity?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!database.Ready || token.Length is 0 or > 512)
        {
            return null;
        }
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role from devices where token_hash = $1");
        cmd.Parameters.AddWithValue(DevicesApi.HashOf(token));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    public async Task<bool> TryAddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken)
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

    public async Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role, created_at from devices order by device_id");
        return await ReadAsync(cmd, cancellationToken);
    }

    public async Task<DeviceView?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role, created_at from devices where device_id = $1");
        cmd.Parameters.AddWithValue(deviceId);
        return (await ReadAsync(cmd, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<DeviceView>> ReadAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<DeviceView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeviceView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return list;
    }
}
