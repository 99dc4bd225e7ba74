using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>
/// A route's body turned into the grain call it asks for: the command's name (for telemetry, the policy and the batch
/// route's <c>type</c>) and the call. Both the single routes and
/// <c>POST /api/v1/sync/commands</c> build their calls here, so a body is read and checked the same way on both,
/// before any grain or database is touched (<see cref="OrderCommandRules"/>).
/// </summary>
public sealed record OrderCall(string Command, Func<IOrderGrain, CommandContext, Task<OrderResult>> Send);

public static class OrderCalls
{
    public static (OrderCall? Call, CommandError? Error) Open(OpenOrderRequest? body)
    {
        if (body?.OrderId is not { } orderId)
        {
            return (null, Invalid("orderId", "orderId is required: a UUID the client chooses."));
        }
        if (body.Channel is not { } channel)
        {
            return (null, Invalid("channel", "channel is required: dine-in, takeout or delivery."));
        }
        var command = new OpenOrder(orderId, channel, body.Table, body.Guests);
        return OrderCommandRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall("open", (grain, ctx) => grain.Open(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) AddLine(AddLineRequest? body)
    {
        if (body?.LineId is not { } lineId)
        {
            return (null, Invalid("lineId", "lineId is required: a UUID the client chooses."));
        }
        if (body.MenuItemId is not { } menuItemId)
        {
            return (null, Invalid("menuItemId", "menuItemId is required."));
        }
        if (body.Quantity is not { } quantity)
        {
            return (null, Invalid("quantity", "quantity is required."));
        }
        List<OptionChoice>? options = null;
        if (body.Options is { } sent)
        {
            options = new List<OptionChoice>(sent.Count);
            for (var i = 0; i < sent.Count; i++)
            {
                // A JSON null in the list arrives as null, whatever the list's type says.
                if ((LineOptionRequest?)sent[i] is not { GroupId: { } groupId, OptionId: { } optionId })
                {
                    return (null, Invalid($"options[{i}]", "each option needs groupId and optionId: the ids of a modifier group of the item and of one of its options."));
                }
                options.Add(new OptionChoice(groupId, optionId));
            }
        }
        var command = new AddLine(lineId, menuItemId, quantity, body.Note, body.Modifiers, options, body.Seat, body.Course, body.Hold ?? false);
        return OrderCommandRules.Check(command) is { } invalid ? (null, invalid) : (Ok("add-line", (grain, ctx) => grain.AddLine(command, ctx)), null);
    }

    /// <summary>A void; <paramref name="mayVoidFired"/> is the sender's capability the order checks if the line has fired.</summary>
    public static (OrderCall? Call, CommandError? Error) VoidLine(Guid lineId, VoidLineRequest? body, bool mayVoidFired)
    {
        var command = new VoidLine(lineId, body?.Reason ?? "", mayVoidFired);
        return OrderCommandRules.Check(command) is { } invalid ? (null, invalid) : (Ok("void-line", (grain, ctx) => grain.VoidLine(command, ctx)), null);
    }

    public static OrderCall Fire() => Ok("fire", (grain, ctx) => grain.Fire(ctx));

    /// <summary>A fire with its optional body: one course, or (no course) every pending line not held.</summary>
    public static (OrderCall? Call, CommandError? Error) Fire(FireRequest? body)
    {
        if (body?.Course is null)
        {
            return (Fire(), null);
        }
        var command = new FireOrder(body.Course);
        return OrderCommandRules.Check(command) is { } invalid ? (null, invalid) : (Ok("fire", (grain, ctx) => grain.FireCourse(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) AddPayment(AddPaymentRequest? body)
    {
        if (body?.PaymentId is not { } paymentId)
        {
            return (null, Invalid("paymentId", "paymentId is required: a UUID the client chooses."));
        }
        if (body.Tender is not { } tender)
        {
            return (null, Invalid("tender", "tender is required: cash, card or other."));
        }
        if (body.AmountMinor is not { } amount)
        {
            return (null, Invalid("amountMinor", "amountMinor is required."));
        }
        var command = new AddPayment(paymentId, tender, amount, body.TipMinor ?? 0, body.Reference);
        return OrderCommandRules.Check(command) is { } invalid ? (null, invalid) : (Ok("add-payment", (grain, ctx) => grain.AddPayment(command, ctx)), null);
    }

    public static OrderCall Close() => Ok("close", (grain, ctx) => grain.Close(ctx));

    /// <summary>The guest check or the receipt, on the printer named or the sending device's receipt printer.</summary>
    public static (OrderCall? Call, CommandError? Error) PrintCheck(CheckKind kind, PrintCheckRequest? body)
    {
        var command = new PrintCheck(kind, body?.PrinterId, body?.Station);
        var name = kind == CheckKind.Receipt ? "print-receipt" : "print-check";
        return ReceiptDecisions.Check(command) is { } invalid ? (null, invalid) : (Ok(name, (grain, ctx) => grain.PrintCheck(command, ctx)), null);
    }

    private static OrderCall Ok(string command, Func<IOrderGrain, CommandContext, Task<OrderResult>> send) => new(command, send);

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
