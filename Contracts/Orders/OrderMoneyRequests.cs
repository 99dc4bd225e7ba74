using System.ComponentModel.DataAnnotations;
using Pos.Contracts.Money;

namespace Pos.Contracts.Orders;

/// <summary>
/// A discount on a line (<c>lineId</c>) or the whole order (no lineId): <c>percentBp</c> (basis points: 1000 is 10 %)
/// or <c>amountMinor</c>, with a reason; <c>comp: true</c> is 100 % off, recorded as a comp. <c>discountId</c> is a
/// UUID the client chooses. Net before tax; the rounding rule is in docs/CONFLICTS.md.
/// </summary>
public sealed record ApplyDiscountRequest(
    [property: Required] Guid? DiscountId,
    Guid? LineId,
    [property: Range(1, 10_000)] int? PercentBp,
    [property: Range(1d, MoneyLimits.MaxOrderTotalMinor)] long? AmountMinor,
    [property: Required, StringLength(OrderFieldLimits.MaxText, MinimumLength = 1)] string? Reason,
    bool? Comp);

/// <summary>The tip of a card payment, as the signed slip says (it replaces the tip taken with the payment).</summary>
public sealed record AdjustTipRequest([property: Required, Range(0d, MoneyLimits.MaxOrderTotalMinor)] long? TipMinor);

/// <summary>
/// Money given back on a closed order: <c>refundId</c> is a UUID the client chooses; <c>lineIds</c> the lines refunded
/// (the amount is then at most what they were charged, with tax), or left out for an amount alone.
/// </summary>
public sealed record RefundRequest(
    [property: Required] Guid? RefundId,
    [property: Required, Range(1d, MoneyLimits.MaxOrderTotalMinor)] long? AmountMinor,
    [property: Required] Tender? Tender,
    [property: Required, StringLength(OrderFieldLimits.MaxText, MinimumLength = 1)] string? Reason,
    [property: MaxLength(500)] IReadOnlyList<Guid>? LineIds);
