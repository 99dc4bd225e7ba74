using System.Text.Json;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The seed's money commands (docs/CONFLICTS.md, discounts, tips and refunds): on an open order a discount or a comp on
/// a line or the whole check, by percent or amount (above the threshold a server is refused: 403, not kept); on a
/// closed one a card tip adjusted, or a refund of an amount or a line, sometimes more than what remains (409).
/// </summary>
internal static class SimulatedMoney
{
    /// <summary>How many of a seed's commands are money commands.</summary>
    public const double Share = 0.15;

    private static readonly string[] Tenders = ["cash", "card", "other"];

    public static SimulatedCommand Next(SimulationWorld world, JsonElement order, string path, Guid orderId, string? key)
    {
        var rng = world.Random;
        var lines = order.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("status").GetString() != "voided").ToList();
        if (order.GetProperty("status").GetString() == "open")
        {
            var discountId = world.NewId();
            Guid? lineId = lines.Count > 0 && rng.NextDouble() < 0.6 ? lines[rng.Next(lines.Count)].GetProperty("lineId").GetGuid() : null;
            var kind = rng.NextDouble();
            object body = kind < 0.1 ? new { discountId, lineId, reason = "simulated comp", comp = true }
                : kind < 0.55 ? new { discountId, lineId, percentBp = rng.Next(1, 31) * 100, reason = "simulated" }
                : new { discountId, lineId, amountMinor = (long)rng.Next(1, 400), reason = "simulated" };
            return new SimulatedCommand($"{path}/discounts", body, key, "discounts", orderId, body);
        }
        var cards = order.GetProperty("payments").EnumerateArray().Where(p => p.GetProperty("tender").GetString() != "cash").ToList();
        if (cards.Count > 0 && rng.NextDouble() < 0.4)
        {
            var paymentId = cards[rng.Next(cards.Count)].GetProperty("paymentId").GetGuid();
            var tipMinor = (long)rng.Next(0, 500);
            return new SimulatedCommand($"{path}/payments/{paymentId}/tip", new { tipMinor }, key, "tip", orderId, new { paymentId, tipMinor });
        }
        var remaining = order.GetProperty("paidMinor").GetInt64() - order.GetProperty("refundedMinor").GetInt64();
        var amount = rng.NextDouble() < 0.2 ? remaining + 1 : Math.Max(1, (long)(rng.NextDouble() * remaining));
        Guid[] lineIds = lines.Count > 0 && rng.NextDouble() < 0.3 ? [lines[rng.Next(lines.Count)].GetProperty("lineId").GetGuid()] : [];
        var refund = new { refundId = world.NewId(), amountMinor = amount, tender = Tenders[rng.Next(Tenders.Length)], reason = "simulated", lineIds };
        return new SimulatedCommand($"{path}/refunds", refund, key, "refunds", orderId, refund);
    }
}
