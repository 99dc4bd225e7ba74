using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Grains.Orders;

/// <summary>
/// Lines and the 86 (<see cref="OrderGrain"/>): a line is decided on the item's availability as it stands; a line of a
/// counted item takes its quantity from the count (an <see cref="ItemCountTaken"/> appended to the availability stream
/// at the version the line was decided on, in the line's own transaction), so two lines never take the same last one:
/// the second finds the stream moved on and is decided again on the new count. Voiding a line that was not fired gives
/// its quantity back the same way (the kitchen never started it); a fired line's quantity is gone.
/// </summary>
public sealed partial class OrderGrain
{
    private const int MaxCountAttempts = 16;

    public async Task<OrderResult> AddLine(AddLine command, CommandContext context)
    {
        if (OrderCommandRules.Check(command) is { } invalid)
        {
            return new OrderResult(null, invalid, CommandOutcome.Rejected);
        }
        for (var attempt = 0; ; attempt++)
        {
            var menu = await CurrentMenu();
            var item = menu?.Items.FirstOrDefault(i => string.Equals(i.Id, command.MenuItemId, StringComparison.Ordinal));
            var counts = await CurrentAvailability();
            var decision = OrderDecisions.AddLine(_state, command, item, counts.Of(command.MenuItemId));
            var taken = decision.Events.OfType<LineAdded>().FirstOrDefault(l => l.Counted) is { } added
                ? new CountChange(new ItemCountTaken(added.MenuItemId, OrderId, added.LineId, added.Quantity), counts.Version)
                : null;
            var result = await Decide(decision, context, count: taken);
            if (!ReferenceEquals(result, DecideAgain))
            {
                return result;
            }
            if (!await CountMovedAsync(attempt))
            {
                return KeptMoving();
            }
        }
    }

    public async Task<OrderResult> VoidLine(VoidLine command, CommandContext context)
    {
        if (OrderCommandRules.Check(command) is { } invalid)
        {
            return new OrderResult(null, invalid, CommandOutcome.Rejected);
        }
        for (var attempt = 0; ; attempt++)
        {
            var decision = OrderDecisions.VoidLine(_state, command);
            CountChange? back = null;
            if (decision.Events.OfType<LineVoided>().FirstOrDefault(v => !v.WasFired) is { } voided
                && _state.FindLine(voided.LineId)?.Added is { Counted: true } line)
            {
                back = new CountChange(new ItemCountReturned(line.MenuItemId, OrderId, line.LineId, line.Quantity), (await CurrentAvailability()).Version);
            }
            var result = await Decide(decision, context, count: back);
            if (!ReferenceEquals(result, DecideAgain))
            {
                return result;
            }
            if (!await CountMovedAsync(attempt))
            {
                return KeptMoving();
            }
        }
    }

    /// <summary>Reads the availability again for another attempt; false when the attempts are spent.</summary>
    private async Task<bool> CountMovedAsync(int attempt)
    {
        if (attempt >= MaxCountAttempts)
        {
            return false;
        }
        await GrainFactory.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Reload();
        return true;
    }

    private OrderResult KeptMoving() => new(Current(), new Contracts.Problems.CommandError(Contracts.Problems.ErrorCodes.VersionMismatch,
        "The item's count kept changing while this command was decided; nothing was written. Send it again."), CommandOutcome.Conflict);

    private async ValueTask<AvailabilityView> CurrentAvailability() =>
        availability.Current ?? await GrainFactory.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Get();

    /// <summary>True when the order's stream is where the grain left it.</summary>
    private async Task<bool> OrderUnmovedAsync() =>
        (await journal.ReadStreamAsync(OrderEvents.StreamOf(OrderId))).Count == _state.Version;

    /// <summary>A change to an item's count, appended to the availability stream at the version it was decided on.</summary>
    private sealed record CountChange(AvailabilityEvent Change, int Version)
    {
        public IEnumerable<LinkedAppend> Links() =>
            [new LinkedAppend(AvailabilityEvents.StreamId, Version, [AvailabilityEvents.ToNew(Change)])];
    }
}
