using System.Text.Json;
using Pos.Api.Orders;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Orders;
using OrderView = Pos.Grains.Orders.OrderView;

namespace Pos.Api.Commands;

/// <summary>
/// Answers kept for a key, given again. An order's answer is kept by version (<see cref="KeptAnswer.KeptByVersion"/>):
/// the order is rebuilt at that version from its events, the same fold that made the first answer, so the bytes
/// are the same.
/// </summary>
public static class KeptAnswers
{
    /// <summary>The order a kept answer stands for, at its version; null when the answer is not an order's kept by version.</summary>
    public static async Task<OrderView?> OrderOfAsync(KeptAnswer stored, IGrainFactory grains)
    {
        if (stored.KeptByVersion is not { } version || OrderIdOf(stored.StreamId) is not { } orderId)
        {
            return null;
        }
        return await OrderAtAsync(grains, orderId, version);
    }

    /// <summary>The order at a version it had; a version it never had is a bug.</summary>
    public static async Task<OrderView> OrderAtAsync(IGrainFactory grains, Guid orderId, int version) =>
        await grains.GetGrain<IOrderGrain>(orderId).GetAt(version)
        ?? throw new InvalidOperationException($"Order {orderId} never had version {version}, which a kept answer names.");

    /// <summary>The body of a kept answer, as first given.</summary>
    public static async Task<string> BodyOfAsync(KeptAnswer stored, IGrainFactory grains)
    {
        if (OrderSetAnswer.Read(stored) is { } set)
        {
            // A set of orders (a split, a carry-over), each rebuilt at its version.
            var orders = new List<Pos.Contracts.Orders.OrderView>();
            foreach (var member in set)
            {
                orders.Add((await OrderAtAsync(grains, member.OrderId, member.Version)).ToWire());
            }
            return EventJson.Serialize(new OrderSetResponse(orders));
        }
        return await OrderOfAsync(stored, grains) is { } order ? EventJson.Serialize(order.ToWire()) : stored.Body;
    }

    private static Guid? OrderIdOf(string? streamId) =>
        streamId is not null && streamId.StartsWith(OrderEvents.StreamPrefix, StringComparison.Ordinal)
        && Guid.TryParse(streamId.AsSpan(OrderEvents.StreamPrefix.Length), out var id)
            ? id
            : null;

    /// <summary>
    /// Whether a kept answer is a refusal: a conflict or a rejection keeps its problem as its body (a duplicate, an
    /// applied or merged command and a route's success keep their result).
    /// </summary>
    public static bool IsProblem(KeptAnswer kept) =>
        kept.Body.Length > 0 && kept.Outcome is { } outcome
        && (outcome == CommandOutcome.Conflict.Name() || outcome == CommandOutcome.Rejected.Name());

    /// <summary>The status a kept answer is given with: a problem's own, else the route's success status.</summary>
    public static int StatusOf(KeptAnswer kept, int successStatus)
    {
        if (!IsProblem(kept))
        {
            return successStatus;
        }
        using var problem = JsonDocument.Parse(kept.Body);
        return problem.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) ? code : 400;
    }

    /// <summary>The ETag of a kept answer: the version it stands at, quoted.</summary>
    public static string? ETagOf(KeptAnswer kept) => kept.Version is { } v ? $"\"{v}\"" : null;
}
