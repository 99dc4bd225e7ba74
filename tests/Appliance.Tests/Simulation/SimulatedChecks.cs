using System.Text.Json;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The check commands a server draws on the seed's orders: move lines to another of them, split some lines off to a new
/// order (a child the seed keeps in <see cref="SimulationWorld.Children"/>), split by seat, move the order to another
/// table or server, split the balance evenly, merge another order in. Checked after the seed by <see cref="SimulationFamilyChecks"/>: no line in two orders, money in equals
/// money out across the family, every acknowledged command once.
/// </summary>
internal static class SimulatedChecks
{
    public static SimulatedCommand Draw(SimulationWorld world, Guid orderId, IReadOnlyList<JsonElement> lines, string? key)
    {
        var rng = world.Random;
        var path = $"/api/v1/orders/{orderId}";
        var others = world.Orders.Where(o => o != orderId).ToList();
        var ids = lines.Select(l => l.GetProperty("lineId").GetGuid()).ToList();
        var picked = ids.Where(_ => rng.NextDouble() < 0.5).ToArray();
        if (picked.Length == 0)
        {
            picked = [ids[rng.Next(ids.Count)]];
        }
        var kind = rng.NextDouble();
        if (kind < 0.45)
        {
            var move = new { toOrderId = others[rng.Next(others.Count)], lineIds = picked };
            return new SimulatedCommand($"{path}/move-lines", move, key, "move-lines", orderId, move);
        }
        if (kind < 0.7)
        {
            var split = new { mode = "lines", groups = new[] { new { orderId = world.NewChild(), lineIds = picked } } };
            return new SimulatedCommand($"{path}/split", split, key, "split", orderId, split);
        }
        if (kind < 0.78)
        {
            // A check per seat: the appliance derives each new order's id from this one's and the seat's; every seat a
            // line may have is kept as a possible child (one never opened is checked to have no events).
            foreach (var seat in Enumerable.Range(1, SimulatedMenu.Seats))
            {
                world.Children.Add(Pos.Grains.Orders.CheckCommandRules.DerivedId(orderId, $"seat-{seat}"));
            }
            var seats = new { mode = "seats" };
            return new SimulatedCommand($"{path}/split", seats, key, "split", orderId, seats);
        }
        if (kind < 0.86)
        {
            // Moved to another table, and sometimes to another server (one of the store's people).
            var transfer = new { table = $"{rng.Next(1, 40)}", employeeId = rng.NextDouble() < 0.5 ? "sim-ben" : null };
            return new SimulatedCommand($"{path}/transfer", transfer, key, "transfer", orderId, transfer);
        }
        if (kind < 0.93)
        {
            var even = new { mode = "even", parts = rng.Next(2, 5) };
            return new SimulatedCommand($"{path}/split", even, key, "split", orderId, even);
        }
        var merge = new { fromOrderId = others[rng.Next(others.Count)] };
        return new SimulatedCommand($"{path}/merge", merge, key, "merge", orderId, merge);
    }
}
