using System.Globalization;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// Many devices on the same orders, driven by a seed: random commands with random duplicates, reordering, lost
/// answers and retries, through the real HTTP surface and PostgreSQL; one device follows live updates and sends some
/// commands through its own outbox; in some seeds a device is revoked while it still holds commands and a newly
/// paired one takes its place. People sign in on some devices with their PIN (so their commands carry them), clock in and
/// out, type wrong PINs (a spare phone is sometimes locked out) and card numbers (refused); a server's void of a fired
/// line is refused, then done with a manager's approval. People open drawer sessions (two devices sometimes race for a
/// drawer), pay cash in and out, take cash payments that kick their drawer, and close with a count (SimulatedCash). Servers
/// move lines between the orders, split some off to new orders, by seat or the balance evenly, move orders to another table or server, and merge orders (SimulatedChecks). Discounts and comps, tip adjustments and refunds are drawn too (SimulatedMoney). After each seed the invariants are checked against the journal. A failing seed is named in the test's name and message; replay one with
/// <c>POS_SIM_SEED=&lt;seed&gt; dotnet test --filter FullyQualifiedName~Simulation</c>.
/// </summary>
public sealed class SimulationTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const int OrdersPerSeed = 3;
    private const int StepsPerSeed = 30;

    /// <summary>How many steps are the follower's own commands.</summary>
    private const double FollowerShare = 0.1;

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
        await fixture.ReplaceRevokedAsync();
        await fixture.Follower.ForgetEarlierOrdersAsync();
        var world = new SimulationWorld(seed, OrdersPerSeed);
        var before = await fixture.HeadAsync();
        SimulatedStaff? staff = null;
        try
        {
            staff = await SimulatedStaff.StartAsync(world, fixture);
            var cash = await SimulatedCash.StartAsync(world, fixture, staff);
            var remaining = await SimulatedMenu.RemainingAsync(fixture.Admin);
            await RunAsync(world, before);
            await cash.FinishAsync();
            await staff.FinishAsync();
            await SimulationChecks.CheckAsync(fixture, world, staff, cash, before);
            await SimulatedMenu.CheckAsync(fixture, world, remaining, before);
        }
        catch (Exception e) when (e is not SimulationFailure)
        {
            throw new SimulationFailure(seed, world.Log, e);
        }
        finally
        {
            // A seed that failed half way leaves no drawer session open for the next.
            await SimulatedCash.CloseLeftOpenAsync(fixture);
            if (staff is not null)
            {
                // A seed that failed half way leaves no one signed in for the next.
                await staff.SignOutAsync(strict: false);
            }
        }
    }

    private async Task RunAsync(SimulationWorld world, long before)
    {
        var rng = world.Random;
        var devices = fixture.Devices; // the fixture's own list: a revoked device's replacement takes its slot
        foreach (var orderId in world.Orders)
        {
            var opener = devices[rng.Next(devices.Count)];
            await world.SendAsync(opener, HttpMethod.Post, "/api/v1/orders", new { orderId, channel = "dine-in", table = "9" }, Delivery.Plain, key: Key());
        }
        // Drawn after the openers: the first draws of neighbouring seeds are alike, later ones are not.
        await using var revocation = await SimulatedRevocation.DrawAsync(world, fixture, StepsPerSeed, before);
        // Each device builds its own queue; a step sends from one device's queue, sometimes out of order.
        var queues = new Dictionary<string, List<SimulatedCommand>>();
        List<SimulatedCommand> QueueOf(SimulatedDevice device) =>
            queues.TryGetValue(device.Id, out var queue) ? queue : queues[device.Id] = [];
        for (var step = 0; step < StepsPerSeed; step++)
        {
            if (rng.NextDouble() < 0.08)
            {
                await SimulatedMenu.SetAvailabilityAsync(world, fixture.Admin);
            }
            if (revocation?.Step == step)
            {
                await revocation.RunAsync(world, fixture, QueueOf(devices[revocation.Slot]), d => NextCommandAsync(world, d.Direct));
            }
            // The follower takes some steps itself: through its outbox and pump, while its stream brings the others'.
            if (rng.NextDouble() < FollowerShare)
            {
                await world.SendAsync(fixture.Follower, await NextCommandAsync(world, fixture.Follower.Device.Api.Http));
                continue;
            }
            var device = devices[rng.Next(devices.Count)];
            var queue = QueueOf(device);
            queue.Add(await NextCommandAsync(world, device.Direct));
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
            await world.SendAsync(device, command, PickDelivery(rng));
        }
        foreach (var device in devices)
        {
            foreach (var command in QueueOf(device))
            {
                await world.SendAsync(device, command, PickDelivery(rng));
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
    private static async Task<SimulatedCommand> NextCommandAsync(SimulationWorld world, HttpClient device)
    {
        var rng = world.Random;
        var orderId = world.Orders[rng.Next(world.Orders.Count)];
        var order = await device.GetJsonAsync($"/api/v1/orders/{orderId}");
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
        if (roll < 0.13 && lines.Count > 0)
        {
            return SimulatedChecks.Draw(world, orderId, lines, key);
        }
        if (lines.Count > 0 && rng.NextDouble() < SimulatedMoney.Share)
        {
            return SimulatedMoney.Next(world, order, path, orderId, key);
        }
        if (roll < 0.17 && lines.Count > 0)
        {
            // The guest check (any time), or the receipt (once something is paid; before, 409 nothing-paid).
            var receipt = order.GetProperty("paidMinor").GetInt64() > 0 && rng.NextDouble() < 0.5;
            var kind = receipt ? "print-receipt" : "print-check";
            return new SimulatedCommand($"{path}/{kind}", new { }, key, kind, orderId, new { });
        }
        if (roll < 0.40 || lines.Count == 0)
        {
            var item = Menu[rng.Next(Menu.Length)];
            var body = SimulatedMenu.Line(world, item.Id);
            return new SimulatedCommand($"{path}/lines", body, key, "add-line", orderId, body);
        }
        if (roll < 0.52)
        {
            var line = lines[rng.Next(lines.Count)].GetProperty("lineId").GetGuid();
            return new SimulatedCommand($"{path}/lines/{line}/void", new { reason = "simulated" }, key, "void-line", orderId, new { lineId = line, reason = "simulated" });
        }
        if (roll < 0.65)
        {
            var fire = SimulatedMenu.Fire(rng);
            return new SimulatedCommand($"{path}/fire", fire, key, "fire", orderId, fire);
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
        var kind = rng.NextDouble();
        if (kind < 0.3)
        {
            // A card number typed into a note or a payment's reference: refused as such, and never stored.
            var card = SimulatedStaff.Cards[rng.Next(SimulatedStaff.Cards.Length)];
            world.Cards.Add(card);
            if (rng.NextDouble() < 0.5)
            {
                var line = new { lineId = world.NewPoisonedId(), menuItemId = "fries", quantity = 1, note = $"card {card}" };
                return new SimulatedCommand($"{path}/lines", line, key, "add-line", orderId, line) { Poisoned = true, RefusedAs = "card-data-refused" };
            }
            var paid = new { paymentId = world.NewPoisonedId(), tender = "card", amountMinor = 100, tipMinor = 0, reference = card };
            return new SimulatedCommand($"{path}/payments", paid, key, "add-payment", orderId, paid) { Poisoned = true, RefusedAs = "card-data-refused" };
        }
        if (kind < 0.65)
        {
            var poison = new[] { "nul \u0000", "esc \u001b@", "bell \u0007", new string('n', 201) }[rng.Next(4)];
            var body = new { lineId = world.NewPoisonedId(), menuItemId = "burger", quantity = 1, note = poison };
            return new SimulatedCommand($"{path}/lines", body, key, "add-line", orderId, body) { Poisoned = true };
        }
        var payment = new { paymentId = world.NewPoisonedId(), tender = "card", amountMinor = long.MaxValue, tipMinor = 0 };
        return new SimulatedCommand($"{path}/payments", payment, key, "add-payment", orderId, payment) { Poisoned = true };
    }

    internal sealed class SimulationFailure(int seed, List<string> log, Exception inner) : Exception(
        $"Simulation seed {seed} failed: {inner.Message}{Environment.NewLine}Replay: POS_SIM_SEED={seed} dotnet test tests/Appliance.Tests --filter FullyQualifiedName~Simulation" +
        $"{Environment.NewLine}Last steps:{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(40))}", inner);
}
