using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Orders;

/// <summary>
/// The check commands of one order (<see cref="OrderGrain"/>), and how the order learns what a command across orders
/// (<see cref="ICheckMovesGrain"/>) wrote to its stream: <see cref="Refresh"/> rebuilds it from the journal.
/// </summary>
public sealed partial class OrderGrain
{
    public async Task Refresh(int version)
    {
        if (_state.Version < version)
        {
            await OnActivateAsync(CancellationToken.None);
        }
    }

    public Task<OrderResult> Transfer(TransferOrder command, CommandContext context) =>
        CheckCommandRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderCheckDecisions.Transfer(_state, command), context);

    public Task<OrderResult> SplitEvenly(int parts, CommandContext context) =>
        parts is < 2 or > EvenSplit.MaxParts
            ? Task.FromResult(new OrderResult(null, new CommandError(ErrorCodes.ValidationFailed,
                $"parts must be from 2 to {EvenSplit.MaxParts}: how many guests share the balance.", "parts"), CommandOutcome.Rejected))
            : Decide(() => OrderCheckDecisions.SplitEvenly(_state, parts), context);

    public Task<OrderResult> CloseWithReason(CloseWithReason command, CommandContext context) =>
        CheckCommandRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderCheckDecisions.CloseWithReason(_state, command, clock.Now()), context);
}
