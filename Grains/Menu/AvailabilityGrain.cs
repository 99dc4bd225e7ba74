using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Menu;

/// <summary>
/// The store's availability, folded from its journal stream; orders append to the same stream (a count taken or given
/// back) in their own transactions, then tell this grain, which reads the stream again when it missed a change.
/// </summary>
public sealed class AvailabilityGrain(IJournalStreams journal, StoreClock clock, MenuCatalog menus, AvailabilityCatalog catalog)
    : Grain, IAvailabilityGrain
{
    private const int MaxAttempts = 8;
    private AvailabilityState _state = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Reload(cancellationToken);

    public Task<AvailabilityView> Get() => Task.FromResult(AvailabilityView.Of(_state));

    public Task Reload() => Reload(CancellationToken.None);

    public async Task Changed(AvailabilityEvent change, int version)
    {
        if (version == _state.Version + 1)
        {
            _state.Apply(change);
            catalog.Publish(AvailabilityView.Of(_state));
        }
        else if (version > _state.Version)
        {
            await Reload(CancellationToken.None);
        }
    }

    public async Task<AvailabilityResult> Set(string menuItemId, bool soldOut, int? remaining, CommandContext context)
    {
        if (soldOut && remaining is not null)
        {
            return Refused(ErrorCodes.ValidationFailed, "remaining goes with status available (how many are left); a sold-out item has none.", "remaining");
        }
        if (remaining is < 0 or > ItemAvailabilityStatus.MaxRemaining)
        {
            return Refused(ErrorCodes.ValidationFailed, $"remaining must be from 0 to {ItemAvailabilityStatus.MaxRemaining}.", "remaining");
        }
        var menu = menus.Current ?? await GrainFactory.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();
        if (menu?.Items.Any(i => string.Equals(i.Id, menuItemId, StringComparison.Ordinal)) != true)
        {
            return Refused(ErrorCodes.UnknownMenuItem, $"'{menuItemId}' is not on the menu in force.", "itemId");
        }
        var set = new ItemAvailabilitySet(menuItemId, soldOut, remaining);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var item = new ItemAvailability(menuItemId, soldOut, remaining);
            var append = new StreamAppend(
                AvailabilityEvents.StreamId, _state.Version, [AvailabilityEvents.ToNew(set)],
                clock.Now(), context.DeviceId, BusinessDate: null, context.ResponseFor(item.ToWire(), _state.Version + 1)).By(context);
            var result = await journal.AppendAsync(append);
            if (result.Refusal() is { } refused)
            {
                return new AvailabilityResult(null, refused);
            }
            if (result.Outcome == AppendOutcome.Appended)
            {
                _state.Apply(set);
                catalog.Publish(AvailabilityView.Of(_state));
                return new AvailabilityResult(item, null);
            }
            // An order took from a count meanwhile: read the stream again and set on top of it.
            await Reload(CancellationToken.None);
        }
        return Refused(ErrorCodes.VersionMismatch, "The item's availability kept changing; send the change again.");
    }

    private async Task Reload(CancellationToken cancellationToken)
    {
        var entries = await journal.ReadStreamAsync(AvailabilityEvents.StreamId, cancellationToken);
        _state = AvailabilityState.From(entries.Select(e => AvailabilityEvents.FromJournal(e.Type, e.Data)));
        catalog.Publish(AvailabilityView.Of(_state));
    }

    private static AvailabilityResult Refused(string code, string detail, string? field = null) =>
        new(null, new CommandError(code, detail, field));
}
