using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Orders;

/// <summary>An order at a version: one member of an answer that is a set of orders.</summary>
public sealed record OrderAtVersion(Guid OrderId, int Version);

/// <summary>
/// An answer that is several orders (a split: the order and its new orders), kept by reference like an order's own
/// answer: each order's id and version, rebuilt from their events when the answer is given again.
/// </summary>
public static class OrderSetAnswer
{
    private sealed record Body(IReadOnlyList<OrderAtVersion> OrderSet);

    public static KeptAnswer? Keep(CommandContext context, IReadOnlyList<OrderAtVersion> orders, int version) =>
        context.Idempotency is { } key
            ? new KeptAnswer(key.Key, key.Fingerprint, EventJson.Serialize(new Body(orders)), version, CommandOutcome.Applied.Name())
            : null;

    /// <summary>The orders of a kept answer that is a set of orders, else null.</summary>
    public static IReadOnlyList<OrderAtVersion>? Read(KeptAnswer kept)
    {
        if (!kept.Body.StartsWith("{\"orderSet\"", StringComparison.Ordinal))
        {
            return null;
        }
        return JsonSerializer.Deserialize<Body>(kept.Body, EventJson.Options)?.OrderSet;
    }
}
