using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Sync;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>
/// The check commands' bodies turned into calls, for the single routes and the device batches alike (as
/// <see cref="OrderCalls"/>). A command across orders goes to <see cref="ICheckMovesGrain"/>; one of a single order to
/// the order's grain.
/// </summary>
public static class CheckCalls
{
    public static (OrderCall? Call, CommandError? Error) MoveLines(IGrainFactory grains, Guid orderId, MoveLinesRequest? body)
    {
        if (body?.ToOrderId is not { } to)
        {
            return (null, Invalid("toOrderId", "toOrderId is required: the order the lines go to."));
        }
        var command = new MoveLines(to, body.LineIds ?? []);
        return CheckCommandRules.Check(command, orderId) is { } invalid
            ? (null, invalid)
            : (new OrderCall(DeviceCommands.MoveLines, (_, ctx) => Moves(grains).MoveLines(orderId, command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) Merge(IGrainFactory grains, Guid orderId, MergeOrderRequest? body)
    {
        var command = new MergeOrder(body?.FromOrderId ?? Guid.Empty);
        return CheckCommandRules.Check(command, orderId) is { } invalid
            ? (null, invalid)
            : (new OrderCall(DeviceCommands.Merge, (_, ctx) => Moves(grains).Merge(orderId, command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) Split(IGrainFactory grains, Guid orderId, SplitOrderRequest? body)
    {
        switch (body?.Mode)
        {
            case "even":
                if (body.Parts is not { } parts || parts is < 2 or > EvenSplit.MaxParts)
                {
                    return (null, Invalid("parts", $"parts is required for an even split: from 2 to {EvenSplit.MaxParts}."));
                }
                return (new OrderCall(DeviceCommands.Split, (grain, ctx) => grain.SplitEvenly(parts, ctx)), null);
            case "seats":
                var bySeat = new SplitOrder(true, []);
                return (new OrderCall(DeviceCommands.Split, (_, ctx) => Moves(grains).Split(orderId, bySeat, ctx)), null);
            case "lines":
                var groups = new List<SplitGroup>();
                foreach (var (g, i) in (body.Groups ?? []).Select((g, i) => (g, i)))
                {
                    if (g?.OrderId is not { } id)
                    {
                        return (null, Invalid($"groups[{i}].orderId", $"groups[{i}].orderId is required: the new order's UUID, chosen by the client."));
                    }
                    groups.Add(new SplitGroup(id, g.LineIds ?? []));
                }
                var command = new SplitOrder(false, groups);
                return CheckCommandRules.Check(command, orderId) is { } invalid
                    ? (null, invalid)
                    : (new OrderCall(DeviceCommands.Split, (_, ctx) => Moves(grains).Split(orderId, command, ctx)), null);
            default:
                return (null, Invalid("mode", "mode is required: lines, seats or even."));
        }
    }

    public static (OrderCall? Call, CommandError? Error) Transfer(TransferOrderRequest? body)
    {
        var command = new TransferOrder(body?.Table, body?.EmployeeId);
        return CheckCommandRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(DeviceCommands.Transfer, (grain, ctx) => grain.Transfer(command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) CarryOver(IGrainFactory grains, Guid orderId, CarryOverRequest? body)
    {
        var command = new CarryOver(body?.NewOrderId ?? CheckCommandRules.DerivedId(orderId, "carry-over"));
        return CheckCommandRules.Check(command, orderId) is { } invalid
            ? (null, invalid)
            : (new OrderCall(DeviceCommands.CarryOver, (_, ctx) => Moves(grains).CarryOver(orderId, command, ctx)), null);
    }

    public static (OrderCall? Call, CommandError? Error) CloseWithReason(CloseWithReasonRequest? body)
    {
        var command = new CloseWithReason(body?.Reason ?? "");
        return CheckCommandRules.Check(command) is { } invalid
            ? (null, invalid)
            : (new OrderCall(DeviceCommands.CloseWithReason, (grain, ctx) => grain.CloseWithReason(command, ctx)), null);
    }

    private static ICheckMovesGrain Moves(IGrainFactory grains) => grains.GetGrain<ICheckMovesGrain>(ICheckMovesGrain.Key);

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
