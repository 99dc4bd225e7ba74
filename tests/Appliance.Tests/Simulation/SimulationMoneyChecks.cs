using System.Text.Json;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The money invariants of an order after a seed: its discounts by the rounding rule (computed here on their own, from
/// the events), every acknowledged discount and refund once, tips as the last adjustment says, and per order money in
/// equals money out: a closed order was paid its total, and refunds never give back more than was paid.
/// </summary>
internal static class SimulationMoneyChecks
{
    /// <summary>Subtotal (lines not voided), what discounts take, and tax on the discounted lines, from the events alone.</summary>
    public static (long Subtotal, long Discount, long Tax) Totals(IReadOnlyList<JsonElement> events)
    {
        var lines = new List<(Guid Id, long Net, int RateBp)>();
        var voided = new HashSet<Guid>();
        var discounts = new List<JsonElement>();
        var removed = new HashSet<Guid>();
        foreach (var e in events)
        {
            var data = e.GetProperty("data");
            switch (e.GetProperty("type").GetString())
            {
                case "LineAdded":
                    lines.Add((data.GetProperty("lineId").GetGuid(), data.GetProperty("quantity").GetInt32() * data.GetProperty("unitPriceMinor").GetInt64(),
                        data.GetProperty("taxRateBp").GetInt32()));
                    break;
                case "LineVoided":
                    voided.Add(data.GetProperty("lineId").GetGuid());
                    break;
                case "DiscountApplied":
                    discounts.Add(data);
                    break;
                case "DiscountRemoved":
                    removed.Add(data.GetProperty("discountId").GetGuid());
                    break;
            }
        }
        var left = lines.Select(l => voided.Contains(l.Id) ? 0m : l.Net).ToArray();
        var off = new decimal[lines.Count];
        var active = discounts.Where(d => !removed.Contains(d.GetProperty("discountId").GetGuid())).ToList();
        foreach (var d in active.Where(d => d.GetProperty("lineId").ValueKind == JsonValueKind.String))
        {
            var i = lines.FindIndex(l => l.Id == d.GetProperty("lineId").GetGuid());
            var take = Math.Min(Want(d, left[i]), left[i]);
            left[i] -= take;
            off[i] += take;
        }
        foreach (var d in active.Where(d => d.GetProperty("lineId").ValueKind != JsonValueKind.String))
        {
            var total = left.Sum();
            var take = Math.Min(Want(d, total), total);
            if (take == 0)
            {
                continue;
            }
            var shares = left.Select(l => Math.Floor(take * l / total)).ToArray();
            var rest = take - shares.Sum();
            foreach (var i in Enumerable.Range(0, left.Length).OrderByDescending(i => left[i]).ThenBy(i => i).Take((int)rest))
            {
                shares[i]++;
            }
            for (var i = 0; i < left.Length; i++)
            {
                left[i] -= shares[i];
                off[i] += shares[i];
            }
        }
        long subtotal = 0, discount = 0, tax = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (voided.Contains(lines[i].Id))
            {
                continue;
            }
            subtotal += lines[i].Net;
            discount += (long)off[i];
            tax += (long)Math.Round((lines[i].Net - off[i]) * lines[i].RateBp / 10_000m, MidpointRounding.AwayFromZero);
        }
        return (subtotal, discount, tax);
    }

    public static void Check(SimulationWorld world, Guid orderId, JsonElement order, IReadOnlyList<JsonElement> events)
    {
        List<JsonElement> OfType(string type) => [.. events.Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty("data"))];
        var discountIds = OfType("DiscountApplied").Select(d => d.GetProperty("discountId").GetGuid()).ToList();
        Assert.Equal(discountIds.Count, discountIds.Distinct().Count());
        Assert.Subset(world.Sent.ToHashSet(), discountIds.ToHashSet());
        Assert.Superset(world.AckedIds(orderId, "discounts").ToHashSet(), discountIds.ToHashSet());

        // The rounding rule, on its own from the events, for an order no move touched (a moved line keeps the share
        // its discounts took where it was, which only the served view carries).
        if (!events.Any(e => e.GetProperty("type").GetString() is "LinesMovedIn" or "LinesMovedOut"))
        {
            var (subtotal, discount, tax) = Totals(events);
            Assert.Equal(subtotal, order.GetProperty("subtotalMinor").GetInt64());
            Assert.Equal(discount, order.GetProperty("discountMinor").GetInt64());
            Assert.Equal(tax, order.GetProperty("taxMinor").GetInt64());
        }

        var refunds = OfType("RefundRecorded");
        var refundIds = refunds.Select(d => d.GetProperty("refundId").GetGuid()).ToList();
        Assert.Equal(refundIds.Count, refundIds.Distinct().Count());
        Assert.Subset(world.Sent.ToHashSet(), refundIds.ToHashSet());
        Assert.Superset(world.AckedIds(orderId, "refunds").ToHashSet(), refundIds.ToHashSet());
        var refunded = refunds.Sum(d => d.GetProperty("amountMinor").GetInt64());
        var paid = order.GetProperty("paidMinor").GetInt64();
        Assert.Equal(refunded, order.GetProperty("refundedMinor").GetInt64());
        Assert.True(refunded <= paid, $"refunds of {refunded} are more than the {paid} paid");
        if (refunds.Count > 0)
        {
            Assert.Equal("closed", order.GetProperty("status").GetString());
        }
        if (order.GetProperty("status").GetString() == "closed")
        {
            // Money in equals money out: the guest paid the order's total, and got back at most that.
            Assert.Equal(order.GetProperty("totalMinor").GetInt64(), paid);
        }

        // Tips: each payment's is its last adjustment's (or its own), and a cash payment's never moves. Payments follow
        // their moves: one merged or split into this order brings its tip, one moved out takes it away.
        var tips = new Dictionary<Guid, long>();
        var cash = new HashSet<Guid>();
        void Took(JsonElement payment)
        {
            var paymentId = payment.GetProperty("paymentId").GetGuid();
            tips[paymentId] = payment.GetProperty("tipMinor").GetInt64();
            if (payment.GetProperty("tender").GetString() == "cash")
            {
                cash.Add(paymentId);
            }
        }
        foreach (var e in events)
        {
            var data = e.GetProperty("data");
            switch (e.GetProperty("type").GetString())
            {
                case "PaymentAdded":
                    Took(data);
                    break;
                case "LinesMovedIn":
                    foreach (var payment in data.GetProperty("payments").EnumerateArray())
                    {
                        Took(payment);
                    }
                    break;
                case "LinesMovedOut":
                    foreach (var paymentId in data.GetProperty("paymentIds").EnumerateArray().Select(x => x.GetGuid()))
                    {
                        tips.Remove(paymentId);
                    }
                    break;
                case "TipAdjusted":
                    var adjusted = data.GetProperty("paymentId").GetGuid();
                    Assert.DoesNotContain(adjusted, cash);
                    Assert.Equal(tips[adjusted], data.GetProperty("previousTipMinor").GetInt64());
                    tips[adjusted] = data.GetProperty("tipMinor").GetInt64();
                    break;
            }
        }
        Assert.Equal(tips.Values.Sum(), order.GetProperty("tipMinor").GetInt64());
    }

    private static decimal Want(JsonElement d, decimal remaining)
    {
        if (d.GetProperty("comp").GetBoolean())
        {
            return remaining;
        }
        return d.GetProperty("percentBp").ValueKind == JsonValueKind.Number
            ? Math.Round(remaining * d.GetProperty("percentBp").GetInt32() / 10_000m, MidpointRounding.AwayFromZero)
            : d.GetProperty("amountMinor").GetInt64();
    }
}
