using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>The invariants after a seed, from the journal and from what the appliance and the devices hold.</summary>
internal static class SimulationChecks
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task CheckAsync(SimulationFixture fixture, SimulationWorld world, SimulatedStaff staff, SimulatedCash cash, long before)
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

        await CheckOrdersAsync(fixture.Admin, world, journal);
        CheckDevices(world, journal);
        await SimulationStaffChecks.CheckAsync(fixture, world, staff, journal, before);
        await SimulationCashChecks.CheckAsync(fixture, cash, journal, before);
        await CheckFollowerAsync(fixture.Follower, world, journal, before);
    }

    /// <summary>Each order as the appliance serves it is what its events say, with every acknowledged command once.</summary>
    private static async Task CheckOrdersAsync(HttpClient admin, SimulationWorld world, List<JsonElement> journal)
    {
        foreach (var orderId in world.Orders)
        {
            var order = await admin.GetJsonAsync($"/api/v1/orders/{orderId}");
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

            // Totals are the sum of the applied events (discounts by their rounding rule), computed here independently.
            var (subtotal, discount, tax) = SimulationMoneyChecks.Totals(events);
            var applied = paid.Sum(d => d.GetProperty("amountMinor").GetInt64() - d.GetProperty("changeMinor").GetInt64());
            Assert.Equal(subtotal, order.GetProperty("subtotalMinor").GetInt64());
            Assert.Equal(discount, order.GetProperty("discountMinor").GetInt64());
            Assert.Equal(tax, order.GetProperty("taxMinor").GetInt64());
            Assert.Equal(subtotal - discount + tax, order.GetProperty("totalMinor").GetInt64());
            Assert.Equal(applied, order.GetProperty("paidMinor").GetInt64());
            SimulationMoneyChecks.Check(world, orderId, order, events);
            Assert.All(paid, d => Assert.True(d.GetProperty("changeMinor").GetInt64() == 0 || d.GetProperty("tender").GetString() == "cash",
                "only cash gives change"));
            Assert.True(applied <= subtotal - discount + tax, $"paid {applied} is more than the total {subtotal - discount + tax}");

            // Closed once, and only when nothing was owed.
            var closes = ofType("OrderClosed").Count;
            Assert.InRange(closes, 0, 1);
            Assert.Equal(closes == 1 ? "closed" : "open", order.GetProperty("status").GetString());
            if (closes == 1)
            {
                Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
                // After the close only what a closed order takes: tip adjustments and refunds.
                var after = events.SkipWhile(e => e.GetProperty("type").GetString() != "OrderClosed").Skip(1);
                Assert.All(after, e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "TipAdjusted", "RefundRecorded" }));
            }
        }
    }

    /// <summary>
    /// Pairing and revocation: each device paired during the seed has one <c>DevicePaired</c> (and its code one
    /// <c>PairingCodeUsed</c>), each revoked one <c>DeviceRevoked</c>, and none other; after a device's
    /// <c>DeviceRevoked</c> nothing in the journal is its doing, the commands it kept are nowhere, and its event stream
    /// gave nothing from the revocation on.
    /// </summary>
    private static void CheckDevices(SimulationWorld world, List<JsonElement> journal)
    {
        List<JsonElement> OfType(string type) => [.. journal.Where(e => e.GetProperty("type").GetString() == type)];
        static string DeviceOf(JsonElement e) => e.GetProperty("data").GetProperty("deviceId").GetString()!;
        Assert.Equal(world.Paired.Order(StringComparer.Ordinal), OfType("DevicePaired").Select(DeviceOf).Order(StringComparer.Ordinal));
        Assert.Equal(world.Paired.Order(StringComparer.Ordinal), OfType("PairingCodeUsed").Select(DeviceOf).Order(StringComparer.Ordinal));
        var revocations = OfType("DeviceRevoked");
        Assert.Equal(world.Revoked.Select(r => r.DeviceId).Order(StringComparer.Ordinal), revocations.Select(DeviceOf).Order(StringComparer.Ordinal));
        foreach (var revoked in world.Revoked)
        {
            var at = revocations.Single(e => DeviceOf(e) == revoked.DeviceId).GetProperty("seq").GetInt64();
            Assert.DoesNotContain(journal, e => e.GetProperty("seq").GetInt64() > at && e.GetProperty("deviceId").GetString() == revoked.DeviceId);
            Assert.DoesNotContain(journal, e => e.GetProperty("data") is { ValueKind: JsonValueKind.Object } data
                && revoked.KeptIds.Any(id => Mentions(data, id)));
            // Its stream: the journal from where it started, in order, and ended before the revocation.
            Assert.Equal(Enumerable.Range(1, revoked.StreamRead.Count).Select(i => revoked.StreamAfter + i), revoked.StreamRead.Select(e => e.Seq));
            Assert.All(revoked.StreamRead, e => Assert.True(e.Seq < at, $"{revoked.DeviceId}'s stream gave seq {e.Seq}, at or after its DeviceRevoked ({at})"));
        }
    }

    /// <summary>
    /// The device following live updates: its reading of the stream is the journal from when it started, each event
    /// once, in seq order, none missing; its local copy of this seed's orders is what the appliance answers.
    /// </summary>
    private static async Task CheckFollowerAsync(FollowingDevice follower, SimulationWorld world, List<JsonElement> journal, long before)
    {
        follower.EnsureHealthy();
        Assert.Equal(0, follower.Device.Outbox.Waiting);
        var last = before + journal.Count;
        await Poll.UntilAsync(() => Task.FromResult(follower.Tail.LastSeq), seq => seq >= last, Deadline, $"{follower.Id}'s stream to reach seq {last}");
        var read = follower.Tail.Read;
        Assert.Equal(Enumerable.Range(1, read.Count).Select(i => follower.Tail.After + i), read.Select(e => e.Seq));
        Assert.Equal(
            journal.Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("eventId").GetGuid(), e.GetProperty("type").GetString())),
            read.Where(e => e.Seq > before && e.Seq <= last).Select(e => (e.Seq, e.EventId, (string?)e.Type)));
        await follower.AssertInStepAsync(world.Orders);
        follower.EnsureHealthy();
    }

    private static bool Mentions(JsonElement data, Guid id) =>
        new[] { "lineId", "paymentId", "discountId", "refundId" }.Any(name =>
            data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetGuid() == id);
}
