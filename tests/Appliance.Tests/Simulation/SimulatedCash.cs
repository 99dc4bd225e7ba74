using System.Net.Http.Json;
using System.Text.Json;
using Pos.Appliance.Tests.Staff;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>A drawer session the seed opened: who holds it, on which device, and the count it was closed with.</summary>
internal sealed class DrawnTill(Guid sessionId, string drawerId, DrawnSession holder)
{
    public Guid SessionId { get; } = sessionId;
    public string DrawerId { get; } = drawerId;
    public DrawnSession Holder { get; } = holder;
    public long? Counted { get; set; }
}

/// <summary>
/// What the seed does with cash (docs/CASH.md): the manager's device configures the drawers on the fixture's receipt
/// printer; people signed in open drawer sessions with a float (sometimes two devices race for one drawer: one 201, the
/// other 409 <c>drawer-in-use</c>); after the seed's commands (whose cash payments by those people land in their
/// sessions) each session gets pay-ins and pay-outs, cash payments on an order of its own, sometimes a no-sale kick,
/// and is closed with a count; any of those may have its answer lost and be sent again, or be sent twice.
/// </summary>
internal sealed class SimulatedCash
{
    public const string PrinterId = "sim-receipt";
    private const double ReconfigureRate = 0.2;
    private const double OpenRate = 0.7;
    private const double RaceRate = 0.3;
    private const double NoSaleRate = 0.2;
    private static readonly string[] DrawerIds = ["sim-front", "sim-bar"];

    private readonly SimulationWorld _world;
    private readonly SimulationFixture _fixture;

    private SimulatedCash(SimulationWorld world, SimulationFixture fixture)
    {
        _world = world;
        _fixture = fixture;
    }

    public List<DrawnTill> Tills { get; } = [];

    /// <summary>The no-sale kicks drawn (each once in the journal, whatever its retries).</summary>
    public int NoSales { get; private set; }

    /// <summary>The drawers (configured the first time, sometimes renamed since) and the seed's sessions, before its commands.</summary>
    public static async Task<SimulatedCash> StartAsync(SimulationWorld world, SimulationFixture fixture, SimulatedStaff staff)
    {
        var cash = new SimulatedCash(world, fixture);
        var rng = world.Random;
        var manager = fixture.Devices[0];
        for (var i = 0; i < DrawerIds.Length; i++)
        {
            if (fixture.DrawersConfigured && rng.NextDouble() >= ReconfigureRate)
            {
                continue;
            }
            var body = new { name = $"Drawer {i} v{rng.Next(3)}", printerId = PrinterId, pin = i };
            var (status, answer) = await cash.SendAsync(manager, HttpMethod.Put, $"/api/v1/drawers/{DrawerIds[i]}", body, PickDelivery(rng), Key());
            Assert.True(status == 200, $"configuring {DrawerIds[i]} answered {status}: {answer}");
        }
        fixture.DrawersConfigured = true;
        var holders = staff.Sessions.Where(s => !s.Device.Revoked && s.Person.Role != "manager").ToList();
        if (holders.Count >= 2 && rng.NextDouble() < RaceRate)
        {
            await cash.RaceAsync(holders[0], holders[1]);
        }
        else
        {
            var free = new Queue<string>(DrawerIds);
            foreach (var holder in holders.Where(_ => rng.NextDouble() < OpenRate))
            {
                if (free.Count > 0)
                {
                    await cash.OpenAsync(holder, free.Dequeue());
                }
            }
        }
        return cash;
    }

    /// <summary>Movements, cash payments and a no-sale on each session, then its close; after the seed's commands.</summary>
    public async Task FinishAsync()
    {
        var rng = _world.Random;
        foreach (var till in Tills)
        {
            var device = Acting(till);
            for (var n = rng.Next(0, 3); n > 0; n--)
            {
                var payOut = rng.NextDouble() < 0.5;
                var body = new { movementId = _world.NewId(), kind = payOut ? "pay-out" : "pay-in", amountMinor = (long)rng.Next(1, 40) * 25, reason = payOut ? "tips paid out" : "change from the bank" };
                var (status, answer) = await SendAsync(device, HttpMethod.Post, $"/api/v1/drawer-sessions/{till.SessionId}/movements", body, PickDelivery(rng), rng.NextDouble() < 0.5 ? Key() : null);
                Assert.True(status == 200, $"a {body.kind} answered {status}: {answer}");
            }
            for (var n = rng.Next(0, 3); n > 0; n--)
            {
                await CashSaleAsync(device);
            }
            if (rng.NextDouble() < NoSaleRate)
            {
                var (status, answer) = await SendAsync(device, HttpMethod.Post, $"/api/v1/drawers/{till.DrawerId}/kick", new { reason = "change for a customer" }, PickDelivery(rng), Key());
                Assert.True(status is 200 or 201 or 202, $"a no-sale answered {status}: {answer}");
                NoSales++;
            }
            var session = await device.Direct.GetJsonAsync($"/api/v1/drawer-sessions/{till.SessionId}");
            var counted = session.GetProperty("expectedMinor").GetInt64() + (rng.NextDouble() < 0.5 ? 0 : rng.Next(-300, 301));
            var (closed, closing) = await SendAsync(device, HttpMethod.Post, $"/api/v1/drawer-sessions/{till.SessionId}/close", new { countedMinor = counted }, PickDelivery(rng), rng.NextDouble() < 0.5 ? Key() : null);
            Assert.True(closed == 200 && closing.Text("status") == "closed", $"closing {till.SessionId} answered {closed}: {closing}");
            till.Counted = counted;
            _world.Log.Add($"{till.Holder.Person.EmployeeId} closed {till.DrawerId} counting {counted}");
        }
    }

    /// <summary>Closes whatever session a failed seed left open (as the admin), so the next seed finds free drawers.</summary>
    public static async Task CloseLeftOpenAsync(SimulationFixture fixture)
    {
        var open = await fixture.Admin.GetJsonAsync("/api/v1/drawer-sessions?status=open");
        foreach (var session in open.GetProperty("sessions").EnumerateArray())
        {
            using var closed = await fixture.Admin.PostAsJsonAsync($"/api/v1/drawer-sessions/{session.Text("sessionId")}/close", new { countedMinor = 0 });
        }
    }

    // Two devices tap "open" on the same drawer at once: one session opens, the other device hears the drawer is in use
    // (or, the same person signed in on both, that they hold a session already).
    private async Task RaceAsync(DrawnSession first, DrawnSession second)
    {
        var drawerId = DrawerIds[_world.Random.Next(DrawerIds.Length)];
        var (a, b) = (_world.NewId(), _world.NewId());
        var answers = await Task.WhenAll(
            SendAsync(first.Device, HttpMethod.Post, $"/api/v1/drawers/{drawerId}/sessions", new { sessionId = a, floatMinor = 10_000L }, Delivery.Plain, Key()),
            SendAsync(second.Device, HttpMethod.Post, $"/api/v1/drawers/{drawerId}/sessions", new { sessionId = b, floatMinor = 15_000L }, Delivery.Plain, Key()));
        var won = answers.Count(x => x.Status == 201);
        Assert.True(won == 1, $"two devices opening {drawerId} at once: {answers[0].Status} and {answers[1].Status}");
        var lost = answers.Single(x => x.Status != 201);
        var samePerson = first.Person == second.Person;
        Assert.True(lost.Status == 409 && (lost.Body.Text("code") == "drawer-in-use" || (samePerson && lost.Body.Text("code") == "drawer-session-open")),
            $"the race's loser answered {lost.Status}: {lost.Body}");
        var winner = answers[0].Status == 201 ? first : second;
        Tills.Add(new DrawnTill(answers[0].Status == 201 ? a : b, drawerId, winner));
        _world.Log.Add($"{first.Device.Id} and {second.Device.Id} raced for {drawerId}: {winner.Person.EmployeeId} won");
    }

    private async Task OpenAsync(DrawnSession holder, string drawerId)
    {
        var sessionId = _world.NewId();
        var floatMinor = (long)_world.Random.Next(4, 21) * 500;
        var (status, answer) = await SendAsync(holder.Device, HttpMethod.Post, $"/api/v1/drawers/{drawerId}/sessions", new { sessionId, floatMinor }, PickDelivery(_world.Random), Key());
        if (Tills.Any(t => t.Holder.Person == holder.Person))
        {
            // The same person signed in on a second device: one session a person (C2).
            Assert.True(status == 409 && answer.Text("code") == "drawer-session-open", $"a second session for {holder.Person.EmployeeId} answered {status}: {answer}");
            return;
        }
        Assert.True(status == 201, $"opening {drawerId} for {holder.Person.EmployeeId} answered {status}: {answer}");
        Tills.Add(new DrawnTill(sessionId, drawerId, holder));
        _world.Log.Add($"{holder.Person.EmployeeId} opened {drawerId} with {floatMinor} on {holder.Device.Id}");
    }

    // A cash sale by the session's person, on an order of its own (so the seed's other commands never stand in the way).
    private async Task CashSaleAsync(SimulatedDevice device)
    {
        var rng = _world.Random;
        var orderId = Guid.NewGuid();
        _world.Orders.Add(orderId);
        await _world.SendAsync(device, HttpMethod.Post, "/api/v1/orders", new { orderId, channel = "dine-in", table = "7" }, Delivery.Plain, key: null);
        await _world.SendAsync(device, HttpMethod.Post, $"/api/v1/orders/{orderId}/lines", new { lineId = _world.NewId(), menuItemId = "fries", quantity = rng.Next(1, 4) }, Delivery.Plain, key: null);
        var order = await device.Direct.GetJsonAsync($"/api/v1/orders/{orderId}");
        var owing = order.GetProperty("balanceMinor").GetInt64();
        var payment = new { paymentId = _world.NewId(), tender = "cash", amountMinor = (owing + 999) / 1000 * 1000, tipMinor = rng.NextDouble() < 0.3 ? (long)rng.Next(1, 300) : 0L };
        await _world.SendAsync(device, HttpMethod.Post, $"/api/v1/orders/{orderId}/payments", payment, PickDelivery(rng), rng.NextDouble() < 0.5 ? Key() : null);
    }

    // The session's own device while it is not revoked; else the admin (a manager may act on anyone's session).
    private SimulatedDevice Acting(DrawnTill till) => till.Holder.Device.Revoked ? _fixture.Devices[0] : till.Holder.Device;

    /// <summary>Sends a cash command as <see cref="SimulationWorld.SendAsync(SimulatedDevice, HttpMethod, string, object, Delivery, string?, bool, string?)"/> does; the last answer.</summary>
    private async Task<(int Status, JsonElement Body)> SendAsync(SimulatedDevice device, HttpMethod method, string path, object body, Delivery delivery, string? key)
    {
        var json = JsonSerializer.Serialize(body, PosClient.Json);
        if (delivery == Delivery.LostThenRetried)
        {
            try
            {
                using var lost = await SimulationWorld.SendOnceAsync(device.Lossy, method, path, json, key);
            }
            catch (HttpRequestException)
            {
                _world.Log.Add($"{device.Id} {path}: answer lost, retrying");
            }
        }
        using var response = await SimulationWorld.SendOnceAsync(device.Direct, method, path, json, key);
        var first = ((int)response.StatusCode, await response.JsonAsync());
        _world.Log.Add($"{device.Id} {method} {path} {json} key={key ?? "-"} {delivery} -> {first.Item1}");
        Assert.True(first.Item1 < 500, $"{path} answered {first.Item1}: {first.Item2}");
        if (delivery != Delivery.Twice)
        {
            return first;
        }
        using var again = await SimulationWorld.SendOnceAsync(device.Direct, method, path, json, key);
        var second = ((int)again.StatusCode, await again.JsonAsync());
        _world.Log.Add($"  sent again -> {second.Item1}");
        Assert.True(!response.IsSuccessStatusCode || again.IsSuccessStatusCode, $"the repeat of {path} answered {second.Item1}: {second.Item2}");
        return second;
    }

    private static Delivery PickDelivery(Random rng) => rng.NextDouble() switch
    {
        < 0.15 => Delivery.LostThenRetried,
        < 0.25 => Delivery.Twice,
        _ => Delivery.Plain,
    };

    private static string Key() => Guid.NewGuid().ToString("N");
}
