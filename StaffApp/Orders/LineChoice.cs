using Pos.Contracts.Menu;
using Pos.Contracts.Orders;

namespace Pos.StaffApp.Orders;

/// <summary>
/// What the person chooses in the order screen's sheet for one item: options of its modifier groups (one at a time
/// where a group takes one, up to its max otherwise), a seat, a course, and whether the line waits for its course. The
/// appliance decides; this only keeps a phone from sending a line it would refuse (a required group left empty).
/// </summary>
public sealed class LineChoice(MenuItem item)
{
    private readonly Dictionary<string, List<string>> _chosen = new(StringComparer.Ordinal);

    public MenuItem Item { get; } = item;
    public int? Seat { get; set; }
    public int? Course { get; set; }
    public bool Hold { get; set; }

    /// <summary>True when a tap must open the sheet: the item has a group that must be chosen from.</summary>
    public static bool NeedsChoice(MenuItem item) => (item.ModifierGroups ?? []).Any(g => g.Min >= 1);

    /// <summary>The item's availability on the menu the phone holds: sold out (86), or how many are left.</summary>
    public static ItemAvailabilityView? AvailabilityOf(MenuView menu, string itemId) =>
        (menu.Availability ?? []).FirstOrDefault(a => string.Equals(a.MenuItemId, itemId, StringComparison.Ordinal));

    public static bool IsSoldOut(MenuView menu, string itemId) => AvailabilityOf(menu, itemId)?.Status == ItemAvailabilityStatus.SoldOut;

    public bool IsChosen(string groupId, string optionId) => _chosen.TryGetValue(groupId, out var ids) && ids.Contains(optionId);

    /// <summary>Chooses or unchooses an option; in a group of one, choosing another replaces it; past max, nothing is added.</summary>
    public void Toggle(string groupId, string optionId)
    {
        var group = (Item.ModifierGroups ?? []).FirstOrDefault(g => g.Id == groupId);
        if (group is null || group.Options.All(o => o.Id != optionId))
        {
            return;
        }
        var ids = _chosen.TryGetValue(groupId, out var list) ? list : _chosen[groupId] = [];
        if (ids.Remove(optionId))
        {
            return;
        }
        if (group.Max == 1)
        {
            ids.Clear();
        }
        if (ids.Count < group.Max)
        {
            ids.Add(optionId);
        }
    }

    /// <summary>The first group that still needs a choice, or null when the line can be sent.</summary>
    public ModifierGroup? Missing => (Item.ModifierGroups ?? []).FirstOrDefault(g => (_chosen.GetValueOrDefault(g.Id)?.Count ?? 0) < g.Min);

    /// <summary>The item's price with the options chosen: what the appliance will price the line at.</summary>
    public long UnitPriceMinor => Item.PriceMinor + Chosen().Sum(c => c.Option.PriceMinor);

    /// <summary>The add-line body for <paramref name="quantity"/>, with a new line id.</summary>
    public AddLineRequest ToRequest(int quantity, string? note, IReadOnlyList<string>? modifiers)
    {
        var options = Chosen().Select(c => new LineOptionRequest(c.Group.Id, c.Option.Id)).ToList();
        return new AddLineRequest(Guid.CreateVersion7(), Item.Id, quantity, note, modifiers is { Count: > 0 } ? modifiers : null,
            options.Count == 0 ? null : options, Seat, Course, Hold && Course is not null ? true : null);
    }

    /// <summary>The chosen options in the menu's order of groups and options.</summary>
    private IEnumerable<(ModifierGroup Group, ModifierOption Option)> Chosen() =>
        (Item.ModifierGroups ?? []).SelectMany(g => g.Options.Where(o => IsChosen(g.Id, o.Id)).Select(o => (g, o)));
}
