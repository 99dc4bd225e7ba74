using System.ComponentModel.DataAnnotations;
using Pos.Contracts.Journal;

namespace Pos.Contracts.Menu;

/// <summary>
/// The body of PUT /api/v1/menu/items/{itemId}/availability (the 86): <c>status</c> "available" or "sold-out";
/// with "available", <c>remaining</c> (optional) is how many are left: each line added takes its quantity from it and
/// a line is refused once too few are left. Without <c>remaining</c> an available item has no count.
/// </summary>
public sealed record ItemAvailabilityRequest(
    [property: Required, AllowedValues(ItemAvailabilityStatus.Available, ItemAvailabilityStatus.SoldOut)] string? Status,
    [property: Range(0, ItemAvailabilityStatus.MaxRemaining)] int? Remaining = null);

/// <summary>The words of an item's availability on the wire.</summary>
public static class ItemAvailabilityStatus
{
    public const string Available = "available";
    public const string SoldOut = "sold-out";
    public const int MaxRemaining = 100_000;
}

/// <summary>
/// One item's availability as the menu shows it: "sold-out" (set so, or its count is down to 0) or "available", and
/// how many are left when the item is counted (null when it is not). The menu lists only items that are sold out or
/// counted; every other item is available.
/// </summary>
public sealed record ItemAvailabilityView(string MenuItemId, string Status, int? Remaining);

/// <summary>An availability event of the store's <c>availability</c> stream.</summary>
public abstract record AvailabilityEvent(string MenuItemId);

/// <summary>Journal event: a person set an item sold out, or available (with a count of what is left, or none).</summary>
public sealed record ItemAvailabilitySet(string MenuItemId, bool SoldOut, int? Remaining) : AvailabilityEvent(MenuItemId);

/// <summary>Journal event: a line took its quantity from an item's count, in the line's own transaction.</summary>
public sealed record ItemCountTaken(string MenuItemId, Guid OrderId, Guid LineId, int Quantity) : AvailabilityEvent(MenuItemId);

/// <summary>
/// Journal event: a line voided before it was fired gave its quantity back to the item's count (the kitchen had not
/// started it), in the void's own transaction.
/// </summary>
public sealed record ItemCountReturned(string MenuItemId, Guid OrderId, Guid LineId, int Quantity) : AvailabilityEvent(MenuItemId);

/// <summary>Type names of availability events in the journal, and their JSON.</summary>
public static class AvailabilityEvents
{
    /// <summary>The one stream every item's availability is kept in, so a count is changed by one writer at a time.</summary>
    public const string StreamId = "availability";

    private static readonly EventTypes<AvailabilityEvent> Types = new(
        "an availability", typeof(ItemAvailabilitySet), typeof(ItemCountTaken), typeof(ItemCountReturned));

    public static bool IsAvailabilityEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(AvailabilityEvent e) => Types.ToNew(e);

    public static AvailabilityEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}

/// <summary>
/// Every item's availability folded from the availability stream. Pure. An item it does not know is available with no
/// count. A count goes down by each line taken from it and up by each pending line voided; a new availability set
/// replaces it.
/// </summary>
public sealed class AvailabilityState
{
    private readonly Dictionary<string, (bool SoldOut, int? Remaining)> _items = new(StringComparer.Ordinal);

    public int Version { get; private set; }

    public static AvailabilityState From(IEnumerable<AvailabilityEvent> events)
    {
        var state = new AvailabilityState();
        foreach (var e in events)
        {
            state.Apply(e);
        }
        return state;
    }

    /// <summary>Whether the item is sold out and how many are left when it is counted.</summary>
    public (bool SoldOut, int? Remaining) Of(string menuItemId) => _items.GetValueOrDefault(menuItemId, (false, null));

    public void Apply(AvailabilityEvent e)
    {
        switch (e)
        {
            case ItemAvailabilitySet set when !set.SoldOut && set.Remaining is null:
                _items.Remove(set.MenuItemId);
                break;
            case ItemAvailabilitySet set:
                _items[set.MenuItemId] = (set.SoldOut, set.SoldOut ? null : set.Remaining);
                break;
            case ItemCountTaken taken when _items.TryGetValue(taken.MenuItemId, out var item) && item.Remaining is { } left:
                _items[taken.MenuItemId] = (item.SoldOut, left - taken.Quantity);
                break;
            case ItemCountReturned back when _items.TryGetValue(back.MenuItemId, out var item) && item.Remaining is { } left:
                _items[back.MenuItemId] = (item.SoldOut, left + back.Quantity);
                break;
            case ItemCountTaken or ItemCountReturned:
                break; // the count was lifted meanwhile: nothing to take from or give back to
            default:
                throw new InvalidOperationException($"Unknown availability event {e.GetType().Name}.");
        }
        Version++;
    }

    /// <summary>The items sold out or counted, as the menu lists them, ordered by id.</summary>
    public IReadOnlyList<ItemAvailabilityView> Views() =>
    [
        .. _items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => new ItemAvailabilityView(
            i.Key, i.Value.SoldOut || i.Value.Remaining is <= 0 ? ItemAvailabilityStatus.SoldOut : ItemAvailabilityStatus.Available,
            i.Value.Remaining)),
    ];
}
