using System.Net.Http.Json;
using Pos.Appliance.Tests.Idempotency;
using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Client.Storage;
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
            devices.Add(await SimulatedDevice.OpenAsync(id, Appliance.NewClient(token), lossy));
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
/// <summary>
/// A device of the simulation: its own token and connection, a second connection through the proxy that loses
/// answers, and the client library's outbox on a file store of its own, through which its offline queues are sent
/// (as a terminal or the staff app sends them).
/// </summary>
public sealed class SimulatedDevice : IDisposable
{
    private readonly FileClientStore _store;
    private readonly string _folder;

    private SimulatedDevice(
        string id, HttpClient direct, HttpClient lossy, string folder, FileClientStore store, SwitchingTransport transport, CommandOutbox outbox)
    {
        _folder = folder;
        Id = id;
        Direct = direct;
        Lossy = lossy;
        _store = store;
        Transport = transport;
        Outbox = outbox;
    }

    public string Id { get; }
    public HttpClient Direct { get; }
    public HttpClient Lossy { get; }
    public CommandOutbox Outbox { get; }

    /// <summary>Whether the outbox's next sends go through the proxy that loses answers.</summary>
    public SwitchingTransport Transport { get; }

    public static async Task<SimulatedDevice> OpenAsync(string id, HttpClient direct, HttpClient lossy)
    {
        var folder = Directory.CreateTempSubdirectory($"pos-{id}-").FullName;
        var store = new FileClientStore(folder);
        var transport = new SwitchingTransport(new HttpCommandTransport(direct, id), new HttpCommandTransport(lossy, id));
        var outbox = new CommandOutbox(store, transport);
        await outbox.LoadAsync();
        return new SimulatedDevice(id, direct, lossy, folder, store, transport, outbox);
    }

    public void Dispose()
    {
        Direct.Dispose();
        Lossy.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The outbox's way to the appliance: straight, or through the proxy that loses answers.</summary>
public sealed class SwitchingTransport(ICommandTransport direct, ICommandTransport lossy) : ICommandTransport
{
    public ICommandTransport Direct { get; } = direct;
    public bool LoseAnswers { get; set; }

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
        (LoseAnswers ? lossy : Direct).SendAsync(commands, cancellationToken);
}
