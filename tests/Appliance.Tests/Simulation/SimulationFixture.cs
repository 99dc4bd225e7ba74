using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Pos.Appliance.Tests.Idempotency;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// One appliance for every seed of the simulation, with the test menu, four devices (each with its own token and
/// connection) and a proxy in front that loses answers after the appliance committed.
/// </summary>
public sealed class SimulationFixture : IAsyncLifetime
{
    public const int DeviceCount = 4;

    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public ResponseDroppingProxy Lossy { get; private set; } = null!;
    public IReadOnlyList<SimulatedDevice> Devices { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync();
        Admin = Appliance.NewClient();
        await Admin.PutMenuAsync();
        Lossy = new ResponseDroppingProxy(Appliance.BaseAddress);
        var devices = new List<SimulatedDevice>();
        for (var i = 0; i < DeviceCount; i++)
        {
            var id = $"sim-{i}";
            var token = await RegisterAsync(id);
            var lossy = PosClient.NewClient(Lossy.Address, token);
            lossy.DefaultRequestHeaders.ConnectionClose = true; // the proxy keeps a lost answer once the appliance closes the connection
            devices.Add(new SimulatedDevice(id, Appliance.NewClient(token), lossy));
        }
        Devices = devices;
    }

    public async Task DisposeAsync()
    {
        foreach (var device in Devices)
        {
            device.Dispose();
        }
        await Lossy.DisposeAsync();
        Admin.Dispose();
        await Appliance.DisposeAsync();
    }

    /// <summary>A device the appliance knows; its token is kept only as its SHA-256, as the appliance expects.</summary>
    private async Task<string> RegisterAsync(string deviceId)
    {
        var token = $"token-{deviceId}-{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(Appliance.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("insert into devices (device_id, name, role, token_hash) values ($1, $2, 'server', $3)", connection);
        insert.Parameters.AddWithValue(deviceId);
        insert.Parameters.AddWithValue($"Simulated {deviceId}");
        insert.Parameters.AddWithValue(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await insert.ExecuteNonQueryAsync();
        return token;
    }
}

/// <summary>A POS device: its direct connection, and one through the proxy that loses answers.</summary>
public sealed class SimulatedDevice(string id, HttpClient direct, HttpClient lossy) : IDisposable
{
    public string Id { get; } = id;
    public HttpClient Direct { get; } = direct;
    public HttpClient Lossy { get; } = lossy;

    public void Dispose()
    {
        Direct.Dispose();
        Lossy.Dispose();
    }
}
