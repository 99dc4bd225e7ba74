using System.Net.Http.Json;
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

    /// <summary>Registers a device the way an operator does; the token is shown once.</summary>
    private async Task<string> RegisterAsync(string deviceId)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/devices", new { deviceId, name = $"Simulated {deviceId}", role = "server" });
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("token").GetString()!;
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
