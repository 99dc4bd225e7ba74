using Pos.Contracts.Menu;

namespace Pos.StaffApp.Orders;

/// <summary>A heading of the order screen's menu and the items listed under it, in the menu's order.</summary>
public sealed record MenuSection(string Heading, IReadOnlyList<MenuItem> Items);

/// <summary>
/// The menu as the order screen lists it: under its categories in the order the menu gives them, then the items that
/// name no category (or one the menu does not have) under "Other". A search keeps, in every category, the items whose
/// name or category holds what was typed; a heading left with no item is not shown.
/// </summary>
public static class MenuSections
{
    public const string Other = "Other";

    public static IReadOnlyList<MenuSection> Of(MenuView menu, string? search)
    {
        var wanted = search?.Trim() ?? "";
        var ordered = new List<MenuCategory>();
        var byId = new Dictionary<string, MenuCategory>(StringComparer.Ordinal);
        foreach (var category in menu.Categories ?? [])
        {
            if (byId.TryAdd(category.Id, category))
            {
                ordered.Add(category);
            }
        }
        var items = new Dictionary<string, List<MenuItem>>(StringComparer.Ordinal);
        var other = new List<MenuItem>();
        foreach (var item in menu.Items)
        {
            var category = item.CategoryId is { } id ? byId.GetValueOrDefault(id) : null;
            if (!Matches(item, category?.Name ?? Other, wanted))
            {
                continue;
            }
            if (category is null)
            {
                other.Add(item);
            }
            else if (items.TryGetValue(category.Id, out var listed))
            {
                listed.Add(item);
            }
            else
            {
                items[category.Id] = [item];
            }
        }
        var sections = ordered
            .Where(c => items.ContainsKey(c.Id))
            .Select(c => new MenuSection(c.Name, items[c.Id]))
            .ToList();
        if (other.Count > 0)
        {
            sections.Add(new MenuSection(Other, other));
        }
        return sections;
    }

    private static bool Matches(MenuItem item, string heading, string wanted) =>
        wanted.Length == 0
        || item.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)
        || heading.Contains(wanted, StringComparison.OrdinalIgnoreCase);
}
