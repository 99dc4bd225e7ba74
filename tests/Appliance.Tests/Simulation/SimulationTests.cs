using System.Globalization;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// Many devices on the same orders, driven by a seed: random commands with random duplicates, reordering, lost
/// answers and retries, through the real HTTP surface and PostgreSQL. After each seed the invariants are checked
/// against the journal. A failing seed is named in the test's name and message; replay one with
/// <c>POS_SIM_SEED=&lt;seed&gt; dotnet test --filter FullyQualifiedName~Simulation</c>.
/// </summary>
public sealed class SimulationTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const int OrdersPerSeed = 3;
    private const int StepsPerSeed = 30;

    private static readonly (string Id, long Price, int TaxBp)[] Menu =
        [("burger", 1250, 825), ("fries", 475, 825), ("ipa", 700, 1000), ("soda", 199, 0)];

    /// <summary>200 seeds; 5,000 under `./pos test --long` (POS_TEST_LONG=1); one with POS_SIM_SEED.</summary>
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("POS_SIM_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var one))
        {
            data.Add(one);
            return data;
        }
        var count = Environment.GetEnvironmentVariable("POS_TEST_LONG") == "1" ? 5_000 : 200;
        for (var seed = 1; seed <= count; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Devices_on_shared_orders_end_in_a_state_the_journal_explains(int seed)
    {
        var world = new SimulationWorld(seed, OrdersPerSeed);
        var before = await HeadAsync();
        try
        {
            await RunAsync(world);
            await CheckAsync(world, before);
        }
        catch (Exception e) when (e is not SimulationFailure)
        {
            throw new SimulationFailure(seed, world.Log, e);
        }
    }

    private async Task RunAsync(SimulationWorld world)
    {
        var rng = world.Random;
        var devices = fixture.Devices;
        foreach (var orderId in world.Orders)
        {
            var opener = devices[rng.Next(devices.Count)];
            await world.SendAsync(opener, HttpMethod.Post, "/api/v1/orders", new { orderId, channel = "dine-in", table = "9" }, Delivery.Plain, key: Key());
        }
        // Each device builds its own queue; a step sends from one device's queue, sometimes out of order.
        var queues = devices.ToDictionary(d => d.Id, _ => new List<SimulatedCommand>());
        for (var step = 0; step < StepsPerSeed; step++)
        {
            var device = devices[rng.Next(devices.Count)];
            var queue = queues[device.Id];
            queue.Add(await NextCommandAsync(world, device));
            if (queue.Count < 2 && rng.NextDouble() < 0.6)
            {
                continue; // the device keeps it for a moment (offline, or the server is slow to tap send)
            }
            // Back from an outage: the device sends its whole queue as one batch (and, its answer lost, maybe again).
            if (queue.Count >= 2 && rng.NextDouble() < 0.25)
            {
                await world.SendBatchAsync(device, queue, twice: rng.NextDouble() < 0.3, answerLost: rng.NextDouble() < 0.3);
                queue.Clear();
                continue;
            }
            // Reordering: the device sends what it queued, not always in the order it was made.
            var index = rng.NextDouble() < 0.3 ? rng.Next(queue.Count) : 0;
            var command = queue[index];
            queue.RemoveAt(index);
            await world.SendAsync(device, HttpMethod.Post, command.Path, command.Body, PickDelivery(rng), command.Key, command.Poisoned);
        }
        foreach (var device in devices)
        {
            foreach (var command in queues[device.Id])
            {
                await world.SendAsync(device, HttpMethod.Post, command.Path, command.Body, PickDelivery(rng), command.Key, command.Poisoned);
            }
        }
    }

    private static Delivery PickDelivery(Random rng) => rng.NextDouble() switch
    {
        < 0.15 => Delivery.LostThenRetried,
        < 0.25 => Delivery.Twice,
        _ => Delivery.Plain,
    };

    private static string Key() => Guid.NewGuid().ToString("N");

    /// <summary>What a server would do next on one of the orders, given what the device sees of it now.</summary>
    private static async Task<SimulatedCommand> NextCommandAsync(SimulationWorld world, SimulatedDevice device)
    {
        var rng = world.Random;
        var orderId = world.Orders[rng.Next(world.Orders.Count)];
        var order = await device.Direct.GetJsonAsync($"/api/v1/orders/{orderId}");
        var path = $"/api/v1/orders/{orderId}";
        // Half the commands carry an Idempotency-Key; all carry the ids a POS client chooses.
        string? key = rng.NextDouble() < 0.5 ? Key() : null;
        var lines = order.GetProperty("lines").EnumerateArray().ToList();
        var balance = order.GetProperty("balanceMinor").GetInt64();
        var roll = rng.NextDouble();
        if (roll < 0.05)
        {
            return Poisoned(world, path, orderId, key);
        }
        if (roll < 0.40 || lines.Count == 0)
        {
            var item = Menu[rng.Next(Menu.Length)];
            var body = new { lineId = world.NewId(), menuItemId = item.Id, quantity = rng.Next(1, 4) };
            return new SimulatedCommand($"{path}/lines", body, key, "add-line", orderId, body);
        }
        if (roll < 0.52)
        {
            var line = lines[rng.Next(lines.Count)].GetProperty("lineId").GetGuid();
            return new SimulatedCommand($"{path}/lines/{line}/void", new { reason = "simulated" }, key, "void-line", orderId, new { lineId = line, reason = "simulated" });
        }
        if (roll < 0.65)
        {
            return new SimulatedCommand($"{path}/fire", new { }, key, "fire", orderId, new { });
        }
        if (roll < 0.88)
        {
            // Cash may be rounded up (change due); a card pays part or all of what the device saw owing.
            var cash = rng.NextDouble() < 0.5;
            var amount = Math.Max(1, cash ? (balance + 499) / 500 * 500 : rng.NextDouble() < 0.5 ? balance : balance / 2);
            var payment = new { paymentId = world.NewId(), tender = cash ? "cash" : "card", amountMinor = amount, tipMinor = cash ? 0 : rng.Next(0, 300) };
            return new SimulatedCommand($"{path}/payments", payment, key, "add-payment", orderId, payment);
        }
        return new SimulatedCommand($"{path}/close", new { }, key, "close", orderId, new { });
    }

    /// <summary>
    /// A command with poison in it (a control character in the note, an amount past every bound): refused with a 400
    /// on its own, rejected alone in a batch, and never in the journal. Its ids are kept to prove that.
    /// </summary>
    private static SimulatedCommand Poisoned(SimulationWorld world, string path, Guid orderId, string? key)
    {
        var rng = world.Random;
        if (rng.NextDouble() < 0.5)
        {
            var poison = new[] { "nul \u0000", "esc \u001b@", "bell \u0007", new string('n', 201) }[rng.Next(4)];
            var body = new { lineId = world.NewPoisonedId(), menuItemId = "burger", quantity = 1, note = poison };
            return new SimulatedCommand($"{path}/lines", body, key, "add-line", orderId, body) { Poisoned = true };
        }
        var payment = new { paymentId = world.NewPoisonedId(), tender = "card", amountMinor = long.MaxValue, tipMinor = 0 };
        return new SimulatedCommand($"{path}/payments", payment, key, "add-payment", orderId, payment) { Poisoned = true };
    }

    /// <summary>The invariants, from the journal and the orders as the appliance serves them.</summary>
    private async Task CheckAsync(SimulationWorld world, long before)
    {
        // What this seed wrote: gapless from where it started, every event once.
        var journal = new List<JsonElement>();
        for (var after = before; ;)
        {
            var page = await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                break;
            }
            journal.AddRange(events);
            after = page.GetProperty("lastSeq").GetInt64();
        }
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => before + i), journal.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(journal.Count, journal.Select(e => e.GetProperty("eventId").GetGuid()).Distinct().Count());

        foreach (var orderId in world.Orders)
        {
            var order = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}");
            var events = journal.Where(e => e.GetProperty("streamId").GetString() == $"order-{orderId}").ToList();
            Assert.Equal(events.Count, order.GetProperty("version").GetInt32());
            Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("streamVersion").GetInt32()));
            var ofType = (string type) => events.Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty("data")).ToList();

            // Every acknowledged line and payment is there exactly once; nothing is there that nobody sent.
            var added = ofType("LineAdded").Select(d => d.GetProperty("lineId").GetGuid()).ToList();
            Assert.Equal(added.Count, added.Distinct().Count());
            Assert.Empty(added.Intersect(world.PoisonedIds));
            Assert.Subset(world.Sent.ToHashSet(), added.ToHashSet());
            Assert.Superset(world.AckedIds(orderId, "lines").ToHashSet(), added.ToHashSet());
            var paid = ofType("PaymentAdded").ToList();
            var paymentIds = paid.Select(d => d.GetProperty("paymentId").GetGuid()).ToList();
            Assert.Equal(paymentIds.Count, paymentIds.Distinct().Count());
            Assert.Empty(paymentIds.Intersect(world.PoisonedIds));
            Assert.Superset(world.AckedIds(orderId, "payments").ToHashSet(), paymentIds.ToHashSet());

            // No line in two states: voided exactly when a void event says so, and voided once at most.
            var voided = ofType("LineVoided").Select(d => d.GetProperty("lineId").GetGuid()).ToList();
            Assert.Equal(voided.Count, voided.Distinct().Count());
            var fired = ofType("OrderFired").SelectMany(d => d.GetProperty("lineIds").EnumerateArray().Select(x => x.GetGuid())).ToList();
            Assert.Equal(fired.Count, fired.Distinct().Count());
            var lines = order.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(added.OrderBy(x => x), lines.Select(l => l.GetProperty("lineId").GetGuid()).OrderBy(x => x));
            foreach (var line in lines)
            {
                var id = line.GetProperty("lineId").GetGuid();
                var expected = voided.Contains(id) ? "voided" : fired.Contains(id) ? "fired" : "pending";
                Assert.Equal(expected, line.GetProperty("status").GetString());
            }

            // Totals are the sum of the applied events, computed here independently.
            long subtotal = 0, tax = 0;
            foreach (var data in ofType("LineAdded").Where(d => !voided.Contains(d.GetProperty("lineId").GetGuid())))
            {
                var net = data.GetProperty("quantity").GetInt32() * data.GetProperty("unitPriceMinor").GetInt64();
                subtotal += net;
                tax += (long)Math.Round(net * data.GetProperty("taxRateBp").GetInt32() / 10_000m, MidpointRounding.AwayFromZero);
            }
            var applied = paid.Sum(d => d.GetProperty("amountMinor").GetInt64() - d.GetProperty("changeMinor").GetInt64());
            Assert.Equal(subtotal, order.GetProperty("subtotalMinor").GetInt64());
            Assert.Equal(tax, order.GetProperty("taxMinor").GetInt64());
            Assert.Equal(subtotal + tax, order.GetProperty("totalMinor").GetInt64());
            Assert.Equal(applied, order.GetProperty("paidMinor").GetInt64());
            Assert.All(paid, d => Assert.True(d.GetProperty("changeMinor").GetInt64() == 0 || d.GetProperty("tender").GetString() == "cash",
                "only cash gives change"));
            Assert.True(applied <= subtotal + tax, $"paid {applied} is more than the total {subtotal + tax}");

            // Closed once, and only when nothing was owed.
            var closes = ofType("OrderClosed").Count;
            Assert.InRange(closes, 0, 1);
            Assert.Equal(closes == 1 ? "closed" : "open", order.GetProperty("status").GetString());
            if (closes == 1)
            {
                Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
                Assert.Equal("OrderClosed", events[^1].GetProperty("type").GetString());
            }
        }
    }

    private async Task<long> HeadAsync() =>
        (await fixture.Admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    private sealed class SimulationFailure(int seed, List<string> log, Exception inner) : Exception(
        $"Simulation seed {seed} failed: {inner.Message}{Environment.NewLine}Replay: POS_SIM_SEED={seed} dotnet test tests/Appliance.Tests --filter FullyQualifiedName~Simulation" +
        $"{Environment.NewLine}Last steps:{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(40))}", inner);
}
