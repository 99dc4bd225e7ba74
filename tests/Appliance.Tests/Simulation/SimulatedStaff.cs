using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>One of the store's people in the simulation, made by a manager's device when the fixture starts.</summary>
internal sealed record SimulatedPerson(string EmployeeId, string Name, string Role, string Pin);

/// <summary>A person signed in on a device for part of a seed: the device's requests carry the session's token meanwhile.</summary>
internal sealed class DrawnSession(SimulatedDevice device, SimulatedPerson person, AuthenticationHeaderValue deviceToken)
{
    public SimulatedDevice Device { get; } = device;
    public SimulatedPerson Person { get; } = person;
    public AuthenticationHeaderValue DeviceToken { get; } = deviceToken;
}

/// <summary>A fired line voided by a server with a manager's approval (after the same void without it was refused).</summary>
internal sealed record DrawnApproval(Guid LineId, string DeviceId, string? EmployeeId, string ManagerId);

/// <summary>
/// What people do in one seed: some devices get a person signed in with their PIN (their commands then carry the
/// person), some clock in and out, a server's void of a fired line is refused and then done with a manager's approval,
/// and a spare phone meets wrong PINs, sometimes until it is locked out.
/// </summary>
internal sealed class SimulatedStaff
{
    private const double SignInRate = 0.35;
    private const double ClockInRate = 0.4;
    private const double ClockOutRate = 0.5;
    private const double ApprovedVoidRate = 0.25;
    private const double WrongPinRate = 0.1;

    /// <summary>Card-like numbers (published test numbers), as a person could type them.</summary>
    public static readonly string[] Cards = ["4111111111111111", "5555 5555 5555 4444", "3782-822463-10005", "4222222222222"];

    private readonly SimulationWorld _world;
    private readonly SimulationFixture _fixture;

    private SimulatedStaff(SimulationWorld world, SimulationFixture fixture)
    {
        _world = world;
        _fixture = fixture;
    }

    public List<DrawnSession> Sessions { get; } = [];
    public List<DrawnApproval> Approvals { get; } = [];

    /// <summary>The seed's sign-ins (and clock-ins), drawn before its first command.</summary>
    public static async Task<SimulatedStaff> StartAsync(SimulationWorld world, SimulationFixture fixture)
    {
        var staff = new SimulatedStaff(world, fixture);
        var rng = world.Random;
        // Servers' devices only: the manager's device stays a manager's, as it makes pairing codes when a device is replaced.
        foreach (var device in fixture.Devices.Where(d => d.Role == "server"))
        {
            if (rng.NextDouble() >= SignInRate)
            {
                continue;
            }
            var person = fixture.People[rng.Next(fixture.People.Count)];
            using var signedIn = await device.Direct.PostAsJsonAsync("/api/v1/staff-sessions", new { pin = person.Pin });
            var answer = await signedIn.JsonAsync();
            Assert.True(signedIn.StatusCode == HttpStatusCode.Created, $"{person.EmployeeId} signing in on {device.Id} answered {(int)signedIn.StatusCode}: {answer}");
            Assert.Equal(person.EmployeeId, answer.GetProperty("employeeId").GetString());
            var session = new DrawnSession(device, person, device.Direct.DefaultRequestHeaders.Authorization!);
            Use(device, new AuthenticationHeaderValue("Bearer", answer.GetProperty("sessionToken").GetString()));
            staff.Sessions.Add(session);
            world.Log.Add($"{person.EmployeeId} signed in on {device.Id}");
            if (!fixture.OnShift.Contains(person.EmployeeId) && rng.NextDouble() < ClockInRate)
            {
                using var clockIn = await device.Direct.PostAsJsonAsync($"/api/v1/employees/{person.EmployeeId}/clock-in", new { });
                Assert.True(clockIn.StatusCode == HttpStatusCode.OK, $"{person.EmployeeId}'s clock-in answered {(int)clockIn.StatusCode}: {await clockIn.Content.ReadAsStringAsync()}");
                fixture.OnShift.Add(person.EmployeeId);
                world.Log.Add($"{person.EmployeeId} clocked in");
            }
        }
        return staff;
    }

    /// <summary>
    /// After the seed's commands: a server's void of a fired line, refused, then approved; wrong PINs on a spare phone;
    /// then the clock moves on a few minutes, some people clock out, and everyone signs out.
    /// </summary>
    public async Task FinishAsync()
    {
        var rng = _world.Random;
        if (rng.NextDouble() < ApprovedVoidRate)
        {
            await ApprovedVoidAsync();
        }
        if (rng.NextDouble() < WrongPinRate)
        {
            await WrongPinsAsync(rng.Next(1, 7));
        }
        var clockingOut = _fixture.OnShift.Where(_ => rng.NextDouble() < ClockOutRate).Order(StringComparer.Ordinal).ToList();
        if (clockingOut.Count > 0)
        {
            _fixture.Appliance.Time.Advance(TimeSpan.FromMinutes(rng.Next(1, 20)) + TimeSpan.FromSeconds(rng.Next(60)));
        }
        foreach (var employeeId in clockingOut)
        {
            // Their own session when they are signed in this seed, else a manager's (the admin here) clocks them out.
            var by = Sessions.FirstOrDefault(s => s.Person.EmployeeId == employeeId && !s.Device.Revoked)?.Device.Direct ?? _fixture.Admin;
            using var clockOut = await by.PostAsJsonAsync($"/api/v1/employees/{employeeId}/clock-out", new { });
            Assert.True(clockOut.StatusCode == HttpStatusCode.OK, $"{employeeId}'s clock-out answered {(int)clockOut.StatusCode}: {await clockOut.Content.ReadAsStringAsync()}");
            _fixture.OnShift.Remove(employeeId);
            _world.Log.Add($"{employeeId} clocked out");
        }
        await SignOutAsync();
    }

    /// <summary>
    /// Every session of the seed ends (a revoked device's ended with it); the devices act as themselves again. Not
    /// <paramref name="strict"/> after a failed seed: whatever the sign-out answers, the devices get their own tokens back.
    /// </summary>
    public async Task SignOutAsync(bool strict = true)
    {
        foreach (var session in Sessions.Where(s => !s.Device.Revoked && s.Device.Direct.DefaultRequestHeaders.Authorization != s.DeviceToken))
        {
            using (var signedOut = await session.Device.Direct.DeleteAsync("/api/v1/staff-sessions/current"))
            {
                Assert.True(!strict || signedOut.StatusCode == HttpStatusCode.NoContent, $"{session.Person.EmployeeId} signing out answered {(int)signedOut.StatusCode}");
            }
            Use(session.Device, session.DeviceToken);
            _world.Log.Add($"{session.Person.EmployeeId} signed out of {session.Device.Id}");
        }
    }

    // On a new order of its own, so nothing of the seed's other commands stands in the way (paid, closed).
    private async Task ApprovedVoidAsync()
    {
        var servers = _fixture.Devices.Where(d => !d.Revoked && ActingRole(d) is "server" or "bartender").ToList();
        if (servers.Count == 0)
        {
            return;
        }
        var device = servers[_world.Random.Next(servers.Count)];
        var orderId = Guid.NewGuid();
        _world.Orders.Add(orderId);
        var lineId = _world.NewId();
        await _world.SendAsync(device, HttpMethod.Post, "/api/v1/orders", new { orderId, channel = "dine-in", table = "5" }, Delivery.Plain, key: null);
        await _world.SendAsync(device, HttpMethod.Post, $"/api/v1/orders/{orderId}/lines", new { lineId, menuItemId = "burger", quantity = 1 }, Delivery.Plain, key: null);
        await _world.SendAsync(device, HttpMethod.Post, $"/api/v1/orders/{orderId}/fire", new { }, Delivery.Plain, key: null);
        var path = $"/api/v1/orders/{orderId}/lines/{lineId}/void";
        using (var refused = await device.Direct.PostAsJsonAsync(path, new { reason = "sent by mistake" }))
        {
            var problem = await refused.JsonAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden && problem.GetProperty("permission").GetString() == "lines.void-fired",
                $"a server's void of a fired line answered {(int)refused.StatusCode}: {problem}");
        }
        var manager = _fixture.People.First(p => p.Role == "manager");
        using var approved = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { reason = "sent by mistake" }) };
        approved.Headers.Add("Pos-Approval", manager.Pin);
        using (var voided = await device.Direct.SendAsync(approved))
        {
            Assert.True(voided.StatusCode == HttpStatusCode.OK, $"the approved void answered {(int)voided.StatusCode}: {await voided.Content.ReadAsStringAsync()}");
        }
        var person = Sessions.FirstOrDefault(s => s.Device == device)?.Person.EmployeeId;
        Approvals.Add(new DrawnApproval(lineId, device.Id, person, manager.EmployeeId));
        _world.Log.Add($"{device.Id} ({person ?? "nobody signed in"}) voided fired line {lineId} with {manager.EmployeeId}'s approval");
    }

    // A phone paired for the purpose, so the lock-out never stands in the way of the other devices' sign-ins.
    private async Task WrongPinsAsync(int tries)
    {
        var (deviceId, phone) = await _fixture.PairSpareAsync();
        _world.Paired.Add(deviceId);
        using (phone)
        {
            var locked = false;
            for (var i = 0; i < tries; i++)
            {
                // Six digits: nobody's PIN (the people's have four).
                var pin = _world.Random.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                using var refused = await phone.PostAsJsonAsync("/api/v1/staff-sessions", new { pin });
                var code = (await refused.JsonAsync()).GetProperty("code").GetString();
                locked = refused.StatusCode == HttpStatusCode.TooManyRequests && code == "pin-locked";
                Assert.True(locked || (refused.StatusCode == HttpStatusCode.Forbidden && code == "pin-invalid"), $"a wrong PIN answered {(int)refused.StatusCode} {code}");
            }
            // The fifth wrong PIN locks the phone out (docs/STAFF.md); a sixth is refused before any PIN is checked.
            Assert.Equal(tries >= 5, locked);
            _world.Log.Add($"{deviceId}: {tries} wrong PIN(s){(locked ? ", locked out" : "")}");
        }
    }

    private string ActingRole(SimulatedDevice device) =>
        Sessions.FirstOrDefault(s => s.Device == device && device.Direct.DefaultRequestHeaders.Authorization != s.DeviceToken)?.Person.Role ?? device.Role;

    private static void Use(SimulatedDevice device, AuthenticationHeaderValue authorization)
    {
        device.Direct.DefaultRequestHeaders.Authorization = authorization;
        device.Lossy.DefaultRequestHeaders.Authorization = authorization;
    }
}
