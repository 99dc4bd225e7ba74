using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Staff;
using Pos.Appliance.Staff;
using Pos.Appliance.Tests.Idempotency;
using Pos.Tests.Shared;
using Pos.Tools;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// One appliance for every seed of the simulation, with the test menu, four devices sending commands (each with its own
/// token and connection), a fifth that follows live updates, and a proxy in front that loses answers after the
/// appliance committed. The devices come the two ways a store gets them: two registered by the admin (one a manager),
/// two paired with one-time codes (one made by the manager, one by the admin); the follower pairs with the manager's
/// code. A device revoked during a seed is replaced by one paired with a new code, so every seed finds four. Each device
/// connects from a loopback address of its own (127.0.2.1, 127.0.2.2...), as each phone has its own on the store's
/// LAN: a revoked device's refused requests count against its address alone (docs/CONFLICTS.md, D4), never against
/// the address the admin and the next phone pair from.
/// </summary>
public class SimulationFixture : IAsyncLifetime
{
    public const int DeviceCount = 4;

    private readonly List<SimulatedDevice> _devices = [];
    private int _addresses;

    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public ResponseDroppingProxy Lossy { get; private set; } = null!;

    /// <summary>The devices sending commands; slot 0 is a manager (it makes pairing codes too).</summary>
    public IReadOnlyList<SimulatedDevice> Devices => _devices;

    /// <summary>The device following live updates, never revoked.</summary>
    internal FollowingDevice Follower { get; private set; } = null!;

    /// <summary>A phone before it is paired: no token.</summary>
    private HttpClient Anonymous { get; set; } = null!;

    /// <summary>The store's people, made by the manager's device: a manager, two servers, a bartender.</summary>
    internal IReadOnlyList<SimulatedPerson> People { get; } =
    [
        new("sim-mia", "Mia", "manager", "7001"), new("sim-ana", "Ana", "server", "7002"),
        new("sim-ben", "Ben", "server", "7003"), new("sim-kai", "Kai", "bartender", "7004"),
    ];

    /// <summary>The people clocked in now (a shift may span seeds).</summary>
    internal HashSet<string> OnShift { get; } = new(StringComparer.Ordinal);

    /// <summary>Each person's shifts and minutes per business date, from the clock events of the seeds checked so far.</summary>
    internal LabourTally Labour { get; } = new();

    /// <summary>The journal's entries of each business date, for the Z report's check.</summary>
    internal DatedJournal Days { get; } = new();

    /// <summary>The receipt printer the drawers hang on (a virtual printer on a real port), configured by the admin.</summary>
    internal VirtualPrinterHost Receipt { get; } = VirtualPrinterHost.Start("receipt");

    /// <summary>Whether a manager configured the drawers (the first seed does; later ones sometimes change them).</summary>
    internal bool DrawersConfigured { get; set; }

    /// <summary>What a fixture of its own changes in the appliance (<see cref="BrokenRuleSimulationTests"/> breaks a rule).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        // The devices here send as fast as the machine lets them, faster than a person taps: the write limit per device
        // (20 a second by default; docs/CONFLICTS.md, D17, tested in tests/Appliance.Tests/Transport) is raised out of the way.
        // Servers are refused often (refunds and tip changes need a manager): every refusal is journaled, so each can be checked.
        Appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string> { ["POS_WRITE_RATE"] = "1000", ["POS_WRITE_BURST"] = "1000" },
            services: s =>
            {
                s.AddSingleton(new Pos.Api.Auth.PermissionRefusalLimits { JournaledPerWindow = 100_000 });
                ConfigureServices(s);
            });
        // PINs hashed at a low cost here: every sign-in and approval scans the people's hashes, and the simulation signs
        // people in every few seeds. The cost itself is the staff tests' (docs/STAFF.md); a hash says its own figures.
        Appliance.Services.GetRequiredService<StaffBook>().Cost = new PinHashCost(MemoryKiB: 64, Iterations: 1, Parallelism: 1);
        Admin = Appliance.NewClient();
        Anonymous = new HttpClient { BaseAddress = Appliance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        (await Admin.PutAsJsonAsync("/api/v1/menu", PosClient.Menu(SimulatedMenu.Items))).EnsureSuccessStatusCode();
        // Station "receipt", which no menu item prints to: its jobs are the drawers' kicks.
        using (var printer = await Admin.PutAsJsonAsync($"/api/v1/printers/{SimulatedCash.PrinterId}", new { name = "Receipt", host = "127.0.0.1", port = Receipt.Port, station = "receipt", receiptFor = new[] { "*" } }))
        {
            Assert.True(printer.IsSuccessStatusCode, $"configuring the receipt printer answered {(int)printer.StatusCode}");
        }
        Lossy = new ResponseDroppingProxy(Appliance.BaseAddress);
        _devices.Add(await OpenAsync("sim-0", "manager", await Admin.RegisterDeviceAsync("sim-0", "manager", "Simulated 0")));
        foreach (var person in People)
        {
            using var saved = await _devices[0].Direct.PutAsJsonAsync($"/api/v1/employees/{person.EmployeeId}", new { name = person.Name, role = person.Role, pin = person.Pin });
            Assert.True(saved.StatusCode == HttpStatusCode.OK, $"saving {person.EmployeeId} answered {(int)saved.StatusCode}");
        }
        _devices.Add(await OpenAsync("sim-1", "server", await Admin.RegisterDeviceAsync("sim-1", "server", "Simulated 1")));
        _devices.Add(await PairAsync(_devices[0].Direct, "server", "Simulated 2"));
        _devices.Add(await PairAsync(Admin, "server", "Simulated 3"));
        var (id, token) = await PairTokenAsync(_devices[0].Direct, "server", "Simulated follower");
        Follower = await FollowingDevice.OpenAsync(NewClient(token), id, token, await HeadAsync());
    }

    public async Task DisposeAsync()
    {
        if (Follower is not null)
        {
            await Follower.DisposeAsync();
        }
        foreach (var device in _devices)
        {
            device.Dispose();
        }
        await Lossy.DisposeAsync();
        Anonymous.Dispose();
        Admin.Dispose();
        await Appliance.DisposeAsync();
        await Receipt.DisposeAsync();
    }

    /// <summary>The seq of the last event written.</summary>
    public async Task<long> HeadAsync() =>
        (await Admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    /// <summary>
    /// A new device in the revoked device's slot, paired with a code made by <paramref name="codeMaker"/> (a manager or
    /// the admin) for the slot's role; the revoked device and its folder go.
    /// </summary>
    public async Task<SimulatedDevice> ReplaceAsync(int slot, HttpClient codeMaker)
    {
        var revoked = _devices[slot];
        Assert.True(revoked.Revoked, $"{revoked.Id} is replaced only once revoked");
        var fresh = await PairAsync(codeMaker, revoked.Role, $"Simulated {slot}");
        _devices[slot] = fresh;
        revoked.Dispose();
        return fresh;
    }

    /// <summary>A device left revoked by a seed that failed half way is replaced (by the admin's code) before the next.</summary>
    public async Task ReplaceRevokedAsync()
    {
        for (var slot = 0; slot < _devices.Count; slot++)
        {
            if (_devices[slot].Revoked)
            {
                await ReplaceAsync(slot, Admin);
            }
        }
    }

    /// <summary>A server's phone paired with the admin's code for one seed's wrong PINs: its id, and its connection.</summary>
    internal async Task<(string DeviceId, HttpClient Phone)> PairSpareAsync()
    {
        var (id, token) = await PairTokenAsync(Admin, "server", "Spare phone");
        return (id, NewClient(token));
    }

    private async Task<SimulatedDevice> PairAsync(HttpClient codeMaker, string role, string name)
    {
        var (id, token) = await PairTokenAsync(codeMaker, role, name);
        return await OpenAsync(id, role, token);
    }

    /// <summary>
    /// Pairing as a phone does it: <paramref name="codeMaker"/> makes a one-time code, the phone sends it with no token and
    /// gets its own device id and token. Never sent twice: the route is not keyed, a resent code is a used code
    /// (docs/CONFLICTS.md, D10), so the simulation draws no lost pairing answer.
    /// </summary>
    private async Task<(string DeviceId, string Token)> PairTokenAsync(HttpClient codeMaker, string role, string name)
    {
        using var made = await codeMaker.PostAsJsonAsync("/api/v1/pairing-codes", new { role });
        var code = await made.JsonAsync();
        Assert.True(made.StatusCode == HttpStatusCode.Created, $"making a pairing code answered {(int)made.StatusCode}: {code}");
        using var paired = await Anonymous.PostAsJsonAsync("/api/v1/pairing", new { code = code.GetProperty("codeGrouped").GetString(), name });
        var device = await paired.JsonAsync();
        Assert.True(paired.StatusCode == HttpStatusCode.Created, $"pairing answered {(int)paired.StatusCode}: {device}");
        Assert.Equal(role, device.GetProperty("role").GetString());
        return (device.GetProperty("deviceId").GetString()!, device.GetProperty("token").GetString()!);
    }

    private async Task<SimulatedDevice> OpenAsync(string id, string role, string token)
    {
        var lossy = PosClient.NewClient(Lossy.Address, token);
        lossy.DefaultRequestHeaders.ConnectionClose = true; // the proxy keeps a lost answer once the appliance closes the connection
        return await SimulatedDevice.OpenAsync(id, role, NewClient(token), lossy);
    }

    /// <summary>A device's connection to the appliance, from the next loopback address of its own.</summary>
    private HttpClient NewClient(string token)
    {
        var n = _addresses++;
        return LoopbackAddress.NewClient($"127.0.{2 + (n / 250)}.{1 + (n % 250)}", Appliance.BaseAddress, token);
    }
}
