using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Grains.Orders;

/// <summary>
/// A discount on a line (<paramref name="LineId"/>) or the whole order, by percent or by amount; a comp is 100 % off.
/// <paramref name="MayGoAboveThreshold"/> is the sender's capability for a comp or a discount above the threshold (a
/// manager, or a manager's approval): decided by the order, which alone knows what the discount takes when it applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.apply-discount")]
public sealed record ApplyDiscount(
    [property: Id(0)] Guid DiscountId,
    [property: Id(1)] Guid? LineId,
    [property: Id(2)] int? PercentBp,
    [property: Id(3)] long? AmountMinor,
    [property: Id(4)] string Reason,
    [property: Id(5)] bool Comp,
    [property: Id(6)] bool MayGoAboveThreshold = false);

[GenerateSerializer, Immutable, Alias("pos.remove-discount")]
public sealed record RemoveDiscount([property: Id(0)] Guid DiscountId);

/// <summary>Sets a card payment's tip to <paramref name="TipMinor"/> (the signed slip came back).</summary>
[GenerateSerializer, Immutable, Alias("pos.adjust-tip")]
public sealed record AdjustTip([property: Id(0)] Guid PaymentId, [property: Id(1)] long TipMinor);

/// <summary>Gives money back on a closed order, of lines (<paramref name="LineIds"/>) or an amount alone.</summary>
[GenerateSerializer, Immutable, Alias("pos.refund")]
public sealed record Refund(
    [property: Id(0)] Guid RefundId,
    [property: Id(1)] long AmountMinor,
    [property: Id(2)] Tender Tender,
    [property: Id(3)] string Reason,
    [property: Id(4)] IReadOnlyList<Guid> LineIds);

/// <summary>Shape rules of the money commands, checked where the request comes in and again by the grain.</summary>
public static class OrderMoneyRules
{
    /// <summary>A discount above this many basis points (20 %) of what it is on needs discounts.above-threshold.</summary>
    public const int ThresholdBp = 2_000;

    public const int MaxLineIds = OrderLimits.MaxLines;

    public static CommandError? Check(ApplyDiscount c)
    {
        if (c.DiscountId == Guid.Empty)
        {
            return Invalid("discountId", "discountId must be a UUID chosen by the client.");
        }
        if (c.LineId == Guid.Empty)
        {
            return Invalid("lineId", "lineId must be a line's UUID, or left out for the whole order.");
        }
        if (c.Comp)
        {
            if (c.AmountMinor is not null || c.PercentBp is not (null or 10_000))
            {
                return Invalid("comp", "A comp is 100 % off: send no amountMinor, and percentBp only as 10000.");
            }
        }
        else if ((c.PercentBp is null) == (c.AmountMinor is null))
        {
            return Invalid("percentBp", "Send either percentBp (1 to 10000) or amountMinor, not both (or comp: true).");
        }
        if (c.PercentBp is < 1 or > 10_000)
        {
            return Invalid("percentBp", "percentBp must be from 1 to 10000 (basis points: 1000 is 10 %).");
        }
        if (c.AmountMinor is < 1 or > MoneyLimits.MaxOrderTotalMinor)
        {
            return Invalid("amountMinor", $"amountMinor must be from 1 to {MoneyLimits.MaxOrderTotalMinor} (minor units).");
        }
        return TextRules.Check("reason", c.Reason, OrderFieldLimits.MaxText, required: true);
    }

    public static CommandError? Check(RemoveDiscount c) =>
        c.DiscountId == Guid.Empty ? Invalid("discountId", "discountId is required.") : null;

    public static CommandError? Check(AdjustTip c)
    {
        if (c.PaymentId == Guid.Empty)
        {
            return Invalid("paymentId", "paymentId is required.");
        }
        return c.TipMinor is < 0 or > MoneyLimits.MaxOrderTotalMinor
            ? Invalid("tipMinor", $"tipMinor must be from 0 to {MoneyLimits.MaxOrderTotalMinor} (minor units).")
            : null;
    }

    public static CommandError? Check(Refund c)
    {
        if (c.RefundId == Guid.Empty)
        {
            return Invalid("refundId", "refundId must be a UUID chosen by the client.");
        }
        if (c.AmountMinor is < 1 or > MoneyLimits.MaxOrderTotalMinor)
        {
            return Invalid("amountMinor", $"amountMinor must be from 1 to {MoneyLimits.MaxOrderTotalMinor} (minor units).");
        }
        if (c.LineIds.Count > MaxLineIds)
        {
            return Invalid("lineIds", $"lineIds must list at most {MaxLineIds} lines.");
        }
        if (c.LineIds.Any(id => id == Guid.Empty) || c.LineIds.Distinct().Count() != c.LineIds.Count)
        {
            return Invalid("lineIds", "lineIds must be the lines' UUIDs, each once.");
        }
        return TextRules.Check("reason", c.Reason, OrderFieldLimits.MaxText, required: true);
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
