using System.Net;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The orders of a seed and the ones split from them (its order families), each as the appliance serves it, against
/// its events: lines and payments added, moved in and moved out, fired and voided. Across the family: no line in two
/// orders, every line ever added in exactly one, money in (every payment taken) equals money out (what the orders hold),
/// every acknowledged command once.
/// </summary>
internal static class SimulationFamilyChecks
{
    public static async Task CheckAsync(HttpClient admin, SimulationWorld world, List<JsonElement> journal)
    {
        var everyLine = new List<Guid>();
        var everyPayment = new List<long>();
        var servedLines = new List<Guid>();
        long servedPaid = 0;
        foreach (var orderId in world.Orders.Concat(world.Children).Distinct())
        {
            var events = journal.Where(e => e.GetProperty("streamId").GetString() == $"order-{orderId}").ToList();
            using var read = await admin.GetAsync($"/api/v1/orders/{orderId}");
            if (read.StatusCode == HttpStatusCode.NotFound)
            {
                // A split whose answer was a conflict: its new order never opened.
                Assert.Contains(orderId, world.Children);
                Assert.Empty(events);
                continue;
            }
            var order = await read.JsonAsync();
            Assert.Equal(events.Count, order.GetProperty("version").GetInt32());
            Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("streamVersion").GetInt32()));
            List<JsonElement> OfType(string type) => [.. events.Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty("data"))];

            // Every acknowledged line and payment is in its stream once; nothing is there that nobody sent.
            var added = OfType("LineAdded").Select(d => d.GetProperty("lineId").GetGuid()).ToList();
            Assert.Equal(added.Count, added.Distinct().Count());
            Assert.Empty(added.Intersect(world.PoisonedIds));
            Assert.Subset(world.Sent.ToHashSet(), added.ToHashSet());
            Assert.Superset(world.AckedIds(orderId, "lines").ToHashSet(), added.ToHashSet());
            var paymentIds = OfType("PaymentAdded").Select(d => d.GetProperty("paymentId").GetGuid()).ToList();
            Assert.Equal(paymentIds.Count, paymentIds.Distinct().Count());
            Assert.Empty(paymentIds.Intersect(world.PoisonedIds));
            Assert.Superset(world.AckedIds(orderId, "payments").ToHashSet(), paymentIds.ToHashSet());
            everyLine.AddRange(added);
            everyPayment.AddRange(OfType("PaymentAdded").Select(Applied));

            // The order folded here, independently: what it holds now.
            var (lines, payments) = Fold(events);
            var served = order.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(lines.Keys.Order(), served.Select(l => l.GetProperty("lineId").GetGuid()).Order());
            foreach (var line in served)
            {
                Assert.Equal(lines[line.GetProperty("lineId").GetGuid()].Status, line.GetProperty("status").GetString());
            }
            // Each line's tax is on its net less what discounts take off it (SimulationMoneyChecks checks that share).
            var discountOf = served.ToDictionary(l => l.GetProperty("lineId").GetGuid(), l => l.GetProperty("discountMinor").GetInt64());
            long subtotal = 0, tax = 0, discount = 0;
            foreach (var (added1, _) in lines.Values.Where(l => l.Status != "voided"))
            {
                var net = added1.GetProperty("quantity").GetInt32() * added1.GetProperty("unitPriceMinor").GetInt64();
                var off = discountOf[added1.GetProperty("lineId").GetGuid()];
                subtotal += net;
                discount += off;
                tax += (long)Math.Round((net - off) * added1.GetProperty("taxRateBp").GetInt32() / 10_000m, MidpointRounding.AwayFromZero);
            }
            var paid = payments.Values.Sum(Applied);
            Assert.Equal(subtotal, order.GetProperty("subtotalMinor").GetInt64());
            Assert.Equal(discount, order.GetProperty("discountMinor").GetInt64());
            Assert.Equal(tax, order.GetProperty("taxMinor").GetInt64());
            Assert.Equal(paid, order.GetProperty("paidMinor").GetInt64());
            Assert.True(paid <= subtotal - discount + tax, $"paid {paid} is more than the total {subtotal - discount + tax}");
            SimulationMoneyChecks.Check(world, orderId, order, events);
            Assert.All(payments.Values, d => Assert.True(d.GetProperty("changeMinor").GetInt64() == 0 || d.GetProperty("tender").GetString() == "cash",
                "only cash gives change"));

            // Where the order is: its table as opened, then as each transfer moved it; its server as the last transfer named.
            string? table = null;
            string? server = null;
            foreach (var e in events)
            {
                var data = e.GetProperty("data");
                switch (e.GetProperty("type").GetString())
                {
                    case "OrderOpened":
                        table = data.TryGetProperty("table", out var opened) && opened.ValueKind == JsonValueKind.String ? opened.GetString() : null;
                        break;
                    case "OrderTransferred":
                        table = data.TryGetProperty("table", out var to) && to.ValueKind == JsonValueKind.String ? to.GetString() : table;
                        server = data.TryGetProperty("serverId", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : server;
                        break;
                }
            }
            Assert.Equal(table, order.GetProperty("table").ValueKind == JsonValueKind.String ? order.GetProperty("table").GetString() : null);
            if (server is not null)
            {
                Assert.Equal(server, order.GetProperty("serverId").GetString());
            }

            // Closed once, and only when nothing was owed (a merged order closes empty).
            var closes = OfType("OrderClosed").Count;
            Assert.InRange(closes, 0, 1);
            Assert.Equal(closes == 1 ? "closed" : "open", order.GetProperty("status").GetString());
            if (closes == 1)
            {
                Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
                // After the close only what a closed order takes: tip adjustments, refunds, and prints of its receipt.
                var after = events.SkipWhile(e => e.GetProperty("type").GetString() != "OrderClosed").Skip(1);
                Assert.All(after, e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "TipAdjusted", "RefundRecorded", "CheckPrinted" }));
            }
            servedLines.AddRange(lines.Keys);
            servedPaid += paid;
        }
        // The families: no line in two orders, every line ever added in exactly one; every payment taken is held once.
        Assert.Equal(servedLines.Count, servedLines.Distinct().Count());
        Assert.Equal(everyLine.Order(), servedLines.Order());
        Assert.Equal(everyPayment.Sum(), servedPaid);
    }

    private static long Applied(JsonElement payment) => payment.GetProperty("amountMinor").GetInt64() - payment.GetProperty("changeMinor").GetInt64();

    /// <summary>An order's lines (as added, and where each stands) and payments, from its events alone.</summary>
    private static (Dictionary<Guid, (JsonElement Added, string Status)> Lines, Dictionary<Guid, JsonElement> Payments) Fold(List<JsonElement> events)
    {
        var lines = new Dictionary<Guid, (JsonElement Added, string Status)>();
        var payments = new Dictionary<Guid, JsonElement>();
        foreach (var e in events)
        {
            var d = e.GetProperty("data");
            switch (e.GetProperty("type").GetString())
            {
                case "LineAdded":
                    lines[d.GetProperty("lineId").GetGuid()] = (d, "pending");
                    break;
                case "OrderFired":
                    foreach (var id in d.GetProperty("lineIds").EnumerateArray().Select(x => x.GetGuid()))
                    {
                        lines[id] = (lines[id].Added, "fired");
                    }
                    break;
                case "LineVoided":
                    var voided = d.GetProperty("lineId").GetGuid();
                    lines[voided] = (lines[voided].Added, "voided");
                    break;
                case "PaymentAdded":
                    payments[d.GetProperty("paymentId").GetGuid()] = d;
                    break;
                case "LinesMovedIn":
                    foreach (var moved in d.GetProperty("lines").EnumerateArray())
                    {
                        var a = moved.GetProperty("added");
                        Assert.True(lines.TryAdd(a.GetProperty("lineId").GetGuid(), (a, moved.GetProperty("status").GetString()!)), "a line moved in twice");
                    }
                    foreach (var p in d.GetProperty("payments").EnumerateArray())
                    {
                        Assert.True(payments.TryAdd(p.GetProperty("paymentId").GetGuid(), p), "a payment moved in twice");
                    }
                    break;
                case "LinesMovedOut":
                    foreach (var id in d.GetProperty("lineIds").EnumerateArray().Select(x => x.GetGuid()))
                    {
                        Assert.True(lines.Remove(id), $"line {id} moved out of an order that did not hold it");
                    }
                    foreach (var id in d.GetProperty("paymentIds").EnumerateArray().Select(x => x.GetGuid()))
                    {
                        Assert.True(payments.Remove(id), $"payment {id} moved out of an order that did not hold it");
                    }
                    break;
            }
        }
        return (lines, payments);
    }
}
