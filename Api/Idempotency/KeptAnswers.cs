using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Api.Idempotency;

/// <summary>
/// Answers kept for a key, given again. An order's answer is kept by version (<see cref="StoredResponse.KeptByVersion"/>):
/// the order is rebuilt at that version from its events, the same fold that made the first answer, so the bytes
/// are the same.
/// </summary>
public static class KeptAnswers
{
    /// <summary>The order a kept answer stands for, at its version; null when the answer is not an order's kept by version.</summary>
    public static async Task<OrderView?> OrderOfAsync(StoredResponse stored, IGrainFactory grains)
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
    public static async Task<string> BodyOfAsync(StoredResponse stored, IGrainFactory grains) =>
        await OrderOfAsync(stored, grains) is { } order ? EventJson.Serialize(order) : stored.Body;

    private static Guid? OrderIdOf(string? streamId) =>
        streamId is not null && streamId.StartsWith(OrderEvents.StreamPrefix, StringComparison.Ordinal)
        && Guid.TryParse(streamId.AsSpan(OrderEvents.StreamPrefix.Length), out var id)
            ? id
            : null;
}
