using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Pos.Contracts.Money;

namespace Pos.Contracts.Menu;

/// <summary>
/// A whole menu to put in force: the body of the appliance's PUT /api/v1/menu, and of headquarters' publish of a
/// store's menu in the cloud: its currency, its items and, optionally, the categories the items are listed under.
/// Read as sent; <see cref="TryToDefinition"/> makes it a menu.
/// </summary>
public sealed record MenuRequest(
    [property: Required, StringLength(3, MinimumLength = 3)] string? Currency,
    [property: Required, MaxLength(MenuRules.MaxItems)] IReadOnlyList<MenuItemRequest>? Items,
    [property: MaxLength(MenuRules.MaxCategories)] IReadOnlyList<MenuCategoryRequest>? Categories = null)
{
    /// <summary>
    /// The request as a menu for <see cref="MenuRules.Check"/>; false when a part it needs is missing, with the field
    /// and a sentence saying what to send (empty when true).
    /// </summary>
    public bool TryToDefinition([NotNullWhen(true)] out MenuDefinition? menu, out string field, out string detail)
    {
        menu = null;
        if (Currency is not { } currency)
        {
            (field, detail) = ("currency", "currency is required, e.g. USD.");
            return false;
        }
        if (Items is not { } items)
        {
            (field, detail) = ("items", "items is required (it may be empty).");
            return false;
        }
        var converted = new List<MenuItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            // A JSON null in the list arrives as null, whatever the list's type says.
            var item = (MenuItemRequest?)items[i];
            if (item?.PriceMinor is not { } price || item.TaxRateBp is not { } rate)
            {
                (field, detail) = ($"items[{i}]", "each item needs id, name, priceMinor, taxRateBp and station.");
                return false;
            }
            // A missing id, name or station is MenuRules' to name (it says which field of which item).
            if (!ModifierGroupRequest.TryConvert(item.ModifierGroups, $"items[{i}].modifierGroups", out var groups, out field, out detail))
            {
                return false;
            }
            converted.Add(new MenuItem(item.Id ?? "", item.Name ?? "", price, rate, item.Station ?? "", item.CategoryId) { ModifierGroups = groups });
        }
        var categories = new List<MenuCategory>(Categories?.Count ?? 0);
        for (var i = 0; i < (Categories?.Count ?? 0); i++)
        {
            if ((MenuCategoryRequest?)Categories![i] is not { } category)
            {
                (field, detail) = ($"categories[{i}]", "each category needs id and name.");
                return false;
            }
            // A missing id or name is MenuRules' to name, like an item's.
            categories.Add(new MenuCategory(category.Id ?? "", category.Name ?? ""));
        }
        menu = new MenuDefinition(currency, converted) { Categories = categories };
        (field, detail) = ("", "");
        return true;
    }
}

/// <summary>
/// One menu item: price in minor units, tax rate in basis points, the station that prepares it, and optionally the id
/// of the category (of the menu's categories) it is listed under.
/// </summary>
public sealed record MenuItemRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? Id,
    [property: Required, StringLength(MenuRules.MaxName, MinimumLength = 1)] string? Name,
    [property: Required, Range(0d, MoneyLimits.MaxPriceMinor)] long? PriceMinor,
    [property: Required, Range(0, LineTax.MaxRateBp)] int? TaxRateBp,
    [property: Required, StringLength(MenuRules.MaxStation, MinimumLength = 1)] string? Station,
    [property: StringLength(64, MinimumLength = 1)] string? CategoryId = null,
    [property: MaxLength(MenuRules.MaxGroupsPerItem)] IReadOnlyList<ModifierGroupRequest>? ModifierGroups = null);

/// <summary>
/// A heading the menu lists items under (Starters, Mains, Drinks...): an id the items name in <c>categoryId</c>, and
/// the name people read. Screens list the categories in the order sent.
/// </summary>
public sealed record MenuCategoryRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? Id,
    [property: Required, StringLength(MenuRules.MaxCategoryName, MinimumLength = 1)] string? Name);
