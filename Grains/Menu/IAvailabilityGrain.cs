using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Menu;

/// <summary>
/// Every item's availability (the 86): one per store, key <see cref="Key"/>, kept in the journal's
/// <see cref="AvailabilityEvents.StreamId"/> stream. A person sets an item sold out or available (with a count or
/// none) here; a line that takes from a count writes its <see cref="ItemCountTaken"/> to the same stream in the line's
/// own transaction, on the version it decided on, so two lines never take the same last one.
/// </summary>
public interface IAvailabilityGrain : IGrainWithStringKey
{
    public const string Key = "store";

    /// <summary>Every item's availability and the stream's version.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<AvailabilityView> Get();

    /// <summary>Sets an item sold out, or available with <paramref name="remaining"/> left (null: not counted).</summary>
    Task<AvailabilityResult> Set(string menuItemId, bool soldOut, int? remaining, CommandContext context);

    /// <summary>An order committed <paramref name="change"/> to the stream as its version <paramref name="version"/>.</summary>
    Task Changed([Immutable] AvailabilityEvent change, int version);

    /// <summary>Reads the stream again (an order's append found it moved on).</summary>
    Task Reload();
}

/// <summary>One item's availability: sold out (set so), and what is left when it is counted.</summary>
[GenerateSerializer, Immutable, Alias("pos.item-availability")]
public sealed record ItemAvailability(
    [property: Id(0)] string MenuItemId,
    [property: Id(1)] bool SoldOut,
    [property: Id(2)] int? Remaining)
{
    /// <summary>Sold out as the menu shows it: set so, or counted down to 0.</summary>
    public bool IsOut => SoldOut || Remaining is <= 0;

    public ItemAvailabilityView ToWire() =>
        new(MenuItemId, IsOut ? ItemAvailabilityStatus.SoldOut : ItemAvailabilityStatus.Available, Remaining);
}

/// <summary>Every item that is sold out or counted, at the availability stream's version.</summary>
[GenerateSerializer, Immutable, Alias("pos.availability-view")]
public sealed record AvailabilityView(
    [property: Id(0)] int Version,
    [property: Id(1)] IReadOnlyList<ItemAvailability> Items) : Journal.IVersioned
{
    public static AvailabilityView Empty { get; } = new(0, []);

    /// <summary>The item's availability; an item not listed is available and not counted.</summary>
    public ItemAvailability Of(string menuItemId) =>
        Items.FirstOrDefault(i => string.Equals(i.MenuItemId, menuItemId, StringComparison.Ordinal)) ?? new(menuItemId, false, null);

    public static AvailabilityView Of(AvailabilityState state) =>
        new(state.Version, [.. state.Views().Select(v => new ItemAvailability(v.MenuItemId, state.Of(v.MenuItemId).SoldOut, v.Remaining))]);
}

/// <summary>The item's availability after a change, or why the change was refused.</summary>
[GenerateSerializer, Immutable, Alias("pos.availability-result")]
public sealed record AvailabilityResult(
    [property: Id(0)] ItemAvailability? Item,
    [property: Id(1)] CommandError? Error);

/// <summary>Availability readable without a grain call (the order's hot path); empty until the grain has activated.</summary>
public sealed class AvailabilityCatalog : Journal.LatestVersion<AvailabilityView>;
