using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;

namespace Pos.Cloud.ChainMenus;

/// <summary>
/// The one whole menu a store gets from the chain menu. Pure. The base menu first, then the overrides of the store's
/// groups in ascending precedence (ties by group id, ordinal), then the store's own override: each later layer is
/// applied to what the earlier ones made, so where two groups disagree (a price, an availability) the later one wins.
/// Within one override: <c>removed</c> first, then <c>added</c> (an item of the same id is replaced, in its place),
/// then <c>items</c> (price, availability) on the items the menu has by then; a change for an item the store's menu
/// does not have at that point (removed earlier, or added by a group the store is not in) changes nothing. Items
/// left unavailable are left off the store's menu. Categories and currency are the base's.
/// </summary>
public static class ChainMenuComposer
{
    /// <summary>The store's groups in the order their overrides apply.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<StoreGroupRank> groups) =>
        [.. groups.OrderBy(g => g.Precedence).ThenBy(g => g.GroupId, StringComparer.Ordinal).Select(g => g.GroupId)];

    /// <summary>
    /// The store's menu from <paramref name="state"/> (which must have a base), with the ids of the groups whose
    /// overrides applied, in order.
    /// </summary>
    public static (MenuDefinition Menu, IReadOnlyList<string> Groups) Compose(ChainMenuState state, string storeId, IEnumerable<StoreGroupRank> storeGroups)
    {
        var menu = state.Base ?? throw new InvalidOperationException("The chain menu has no base menu to compose from.");
        var items = menu.Items.ToList();
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        var applied = new List<string>();
        foreach (var groupId in Order(storeGroups))
        {
            if (state.Groups.TryGetValue(groupId, out var groupOverride))
            {
                Apply(groupOverride, items, unavailable);
                applied.Add(groupId);
            }
        }
        if (state.Stores.TryGetValue(storeId, out var own))
        {
            Apply(own, items, unavailable);
        }
        return (new MenuDefinition(menu.Currency, [.. items.Where(i => !unavailable.Contains(i.Id))]) { Categories = menu.Categories }, applied);
    }

    private static void Apply(MenuOverride layer, List<MenuItem> items, HashSet<string> unavailable)
    {
        foreach (var id in layer.Removed)
        {
            items.RemoveAll(i => i.Id == id);
            unavailable.Remove(id);
        }
        foreach (var added in layer.Added)
        {
            var at = items.FindIndex(i => i.Id == added.Id);
            if (at >= 0)
            {
                items[at] = added;
            }
            else
            {
                items.Add(added);
            }
            unavailable.Remove(added.Id);
        }
        foreach (var change in layer.Items)
        {
            var at = items.FindIndex(i => i.Id == change.Id);
            if (at < 0)
            {
                continue;
            }
            if (change.PriceMinor is { } price)
            {
                items[at] = items[at] with { PriceMinor = price };
            }
            if (change.Available is false)
            {
                unavailable.Add(change.Id);
            }
            else if (change.Available is true)
            {
                unavailable.Remove(change.Id);
            }
        }
    }
}
