using Pos.Contracts.Orders;

namespace Pos.Grains.Orders;

/// <summary>A discount or comp in force on the order, and what it takes off now.</summary>
[GenerateSerializer, Immutable, Alias("pos.discount-view")]
public sealed record DiscountView
{
    [Id(0)] public required Guid DiscountId { get; init; }
    [Id(1)] public required Guid? LineId { get; init; }
    [Id(2)] public required int? PercentBp { get; init; }
    [Id(3)] public required long? AmountMinor { get; init; }
    [Id(4)] public required string Reason { get; init; }
    [Id(5)] public required bool Comp { get; init; }
    [Id(6)] public required long TakenMinor { get; init; }
}

/// <summary>A refund of the closed order.</summary>
[GenerateSerializer, Immutable, Alias("pos.refund-view")]
public sealed record RefundView
{
    [Id(0)] public required Guid RefundId { get; init; }
    [Id(1)] public required long AmountMinor { get; init; }
    [Id(2)] public required Tender Tender { get; init; }
    [Id(3)] public required string Reason { get; init; }
    [Id(4)] public required IReadOnlyList<Guid> LineIds { get; init; }
    [Id(5)] public required DateOnly BusinessDate { get; init; }
}

public static class OrderMoneyViews
{
    public static IReadOnlyList<DiscountView> DiscountViews(this OrderState state) =>
        state.Discounts.Count == 0 ? [] : [.. state.Discounts.Where(d => !state.IsRemoved(d.DiscountId)).Select(d => new DiscountView
        {
            DiscountId = d.DiscountId,
            LineId = d.LineId,
            PercentBp = d.PercentBp,
            AmountMinor = d.AmountMinor,
            Reason = d.Reason,
            Comp = d.Comp,
            TakenMinor = state.TakenBy(d.DiscountId),
        })];

    public static IReadOnlyList<RefundView> RefundViews(this OrderState state) =>
        state.Refunds.Count == 0 ? [] : [.. state.Refunds.Select(r => new RefundView
        {
            RefundId = r.RefundId,
            AmountMinor = r.AmountMinor,
            Tender = r.Tender,
            Reason = r.Reason,
            LineIds = r.LineIds,
            BusinessDate = r.BusinessDate,
        })];
}
