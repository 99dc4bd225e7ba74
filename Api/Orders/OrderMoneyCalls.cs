using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>The money commands' bodies turned into grain calls, for the single routes and the device batches alike.</summary>
public static class OrderMoneyCalls
{
    public const string Discount = "discounts";
    public const string RemoveDiscountCommand = "remove-discount";
    public const string Tip = "tip";
    public const string RefundCommand = "refunds";

    /// <summary>A discount; <paramref name="mayGoAboveThreshold"/> is the sender's capability the order checks against what it takes.</summary>
    public static (OrderCall? Call, CommandError? Error) ApplyDiscount(ApplyDiscountRequest? body, bool mayGoAboveThreshold)
    {
        if (body?.DiscountId is not { } discountId)
        {
            return (null, Invalid("discountId", "discountId is required: a UUID the client chooses."));
        }
        var command = new ApplyDiscount(discountId, body.LineId, body.PercentBp, body.AmountMinor, body.Reason ?? "", body.Comp ?? false, mayGoAboveThreshold);
        return OrderMoneyRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(Discount, (grain, ctx) => grain.ApplyDiscount(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) RemoveDiscount(Guid discountId)
    {
        var command = new RemoveDiscount(discountId);
        return OrderMoneyRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(RemoveDiscountCommand, (grain, ctx) => grain.RemoveDiscount(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) AdjustTip(Guid paymentId, AdjustTipRequest? body)
    {
        if (body?.TipMinor is not { } tip)
        {
            return (null, Invalid("tipMinor", "tipMinor is required."));
        }
        var command = new AdjustTip(paymentId, tip);
        return OrderMoneyRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(Tip, (grain, ctx) => grain.AdjustTip(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) Refund(RefundRequest? body)
    {
        if (body?.RefundId is not { } refundId)
        {
            return (null, Invalid("refundId", "refundId is required: a UUID the client chooses."));
        }
        if (body.AmountMinor is not { } amount)
        {
            return (null, Invalid("amountMinor", "amountMinor is required."));
        }
        if (body.Tender is not { } tender)
        {
            return (null, Invalid("tender", "tender is required: cash, card or other."));
        }
        var command = new Refund(refundId, amount, tender, body.Reason ?? "", body.LineIds ?? []);
        return OrderMoneyRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(RefundCommand, (grain, ctx) => grain.Refund(command, ctx)), null);
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
