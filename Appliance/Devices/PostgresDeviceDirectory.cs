using System.Security.Cryptography;
using System.Text;
using Pos.Api.Auth;
using Pos.Appliance.Database;

namespace Pos.Appliance.Devices;

/// <summary>Registered devices in the appliance's PostgreSQL, found by the SHA-256 of their token.</summary>
public sealed class PostgresDeviceDirectory(PosDatabase database) : IDeviceDirectory
{
    public async Task<DeviceIdentity?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!database.Ready || token.Length is 0 or > 512)
        {
            return null;
        }
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role from devices where token_hash = $1");
        cmd.Parameters.AddWithValue(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }
}
