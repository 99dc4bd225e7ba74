using System.Text.Json;
using Pos.Api.Orders;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Sync;

namespace Pos.Api.Sync;

/// <summary>The money commands of a device's batch: the payload read as the single route's body (and its route's ids).</summary>
public static partial class CommandBatchApi
{
    /// <summary>The call a money command asks for, or null when <paramref name="type"/> is not one.</summary>
    private static (OrderCall? Call, CommandError? Error)? MapMoney(string type, JsonElement? payload, bool mayGoAboveThreshold) => type switch
    {
        DeviceCommands.Discounts => OrderMoneyCalls.ApplyDiscount(Read<ApplyDiscountRequest>(payload), mayGoAboveThreshold),
        DeviceCommands.RemoveDiscount => Read<RemoveDiscountPayload>(payload) is { DiscountId: { } discountId }
            ? OrderMoneyCalls.RemoveDiscount(discountId)
            : (null, new CommandError(ErrorCodes.ValidationFailed, "payload.discountId is required: the discount to take back.", "discountId")),
        DeviceCommands.Tip => Read<TipPayload>(payload) is { PaymentId: { } paymentId } tip
            ? OrderMoneyCalls.AdjustTip(paymentId, new AdjustTipRequest(tip.TipMinor))
            : (null, new CommandError(ErrorCodes.ValidationFailed, "payload.paymentId is required: the payment whose tip changes.", "paymentId")),
        DeviceCommands.Refunds => OrderMoneyCalls.Refund(Read<RefundRequest>(payload)),
        _ => null,
    };

    private sealed record RemoveDiscountPayload(Guid? DiscountId);

    private sealed record TipPayload(Guid? PaymentId, long? TipMinor);
}
