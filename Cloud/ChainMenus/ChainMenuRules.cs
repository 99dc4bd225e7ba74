using System.Diagnostics.CodeAnalysis;
using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;
using Pos.Contracts.Money;
using Pos.Contracts.Problems;

namespace Pos.Cloud.ChainMenus;

/// <summary>What is wrong with a chain menu change: a stable code, the field, and a sentence a person can act on.</summary>
public sealed record ChainMenuProblem(string Code, string Field, string Detail);

/// <summary>
/// What makes an override and a chain menu valid. An override's own shape is checked when it is read; the whole
/// chain menu is checked on every change, so every version kept is valid: each override names only items the chain
/// has (the base's and those some override adds), its added items are menu items by the store menus' own rules
/// (<see cref="MenuRules"/>, categories from the base), its prices are prices.
/// </summary>
public static class ChainMenuRules
{
    public const string UnknownMenuItem = ErrorCodes.UnknownMenuItem;

    /// <summary>The request as an override; false with the problem of its shape.</summary>
    public static bool TryConvert(MenuOverrideRequest? request, [NotNullWhen(true)] out MenuOverride? converted, [NotNullWhen(false)] out ChainMenuProblem? problem)
    {
        converted = null;
        if (request is null)
        {
            problem = Invalid("override", "The body must be an override: {\"items\": [...], \"added\": [...], \"removed\": [...]}.");
            return false;
        }
        var items = new List<ItemOverride>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changes = request.Items ?? [];
        if (changes.Count > MenuRules.MaxItems)
        {
            problem = Invalid("items", $"items must be a list of at most {MenuRules.MaxItems} changes.");
            return false;
        }
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var at = $"items[{i}]";
            if (change is null || (change.PriceMinor is null && change.Available is null))
            {
                problem = Invalid(at, "each change needs id and priceMinor, available or both.");
                return false;
            }
            if (!IsItemId(change.Id))
            {
                problem = Invalid($"{at}.id", "id must be a menu item's id: 1 to 64 letters, digits, '-', '_' or '.'.");
                return false;
            }
            if (!seen.Add(change.Id))
            {
                problem = Invalid($"{at}.id", $"item '{change.Id}' is changed twice; say its price and availability in one change.");
                return false;
            }
            if (change.PriceMinor is < 0 or > MoneyLimits.MaxPriceMinor)
            {
                problem = Invalid($"{at}.priceMinor", $"priceMinor must be from 0 to {MoneyLimits.MaxPriceMinor} (minor units).");
                return false;
            }
            items.Add(new ItemOverride(change.Id, change.PriceMinor, change.Available));
        }
        var removedIds = request.Removed ?? [];
        var removed = new List<string>();
        for (var i = 0; i < removedIds.Count; i++)
        {
            if (!IsItemId(removedIds[i]))
            {
                problem = Invalid($"removed[{i}]", "each removed entry must be a menu item's id: 1 to 64 letters, digits, '-', '_' or '.'.");
                return false;
            }
            if (removed.Contains(removedIds[i]!, StringComparer.Ordinal))
            {
                problem = Invalid($"removed[{i}]", $"item '{removedIds[i]}' is removed twice.");
                return false;
            }
            removed.Add(removedIds[i]!);
        }
        // Added items are read as a menu's items are (the same request type), and checked by the menu rules later.
        if (!new MenuRequest("XXX", request.Added ?? []).TryToDefinition(out var asMenu, out var field, out var detail))
        {
            problem = Invalid(Renamed(field), detail);
            return false;
        }
        converted = new MenuOverride(items, asMenu.Items, removed);
        problem = null;
        return true;
    }

    /// <summary>The problem with the whole chain menu, or null. Overrides need a base to change.</summary>
    public static ChainMenuProblem? Check(ChainMenuState state)
    {
        if (state.Base is not { } menu)
        {
            return state.Groups.Count + state.Stores.Count == 0 ? null
                : new ChainMenuProblem("chain-menu-has-no-base", "base", "The chain menu has no base menu yet; PUT /cloud/v1/chain-menu/base first.");
        }
        var known = menu.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var layers = state.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ($"group '{g.Key}'", g.Value))
            .Concat(state.Stores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => ($"store '{s.Key}'", s.Value)))
            .ToList();
        foreach (var (name, layer) in layers)
        {
            // The menu rules on the added items alone, with the base's currency and categories.
            if (MenuRules.Check(new MenuDefinition(menu.Currency, layer.Added) { Categories = menu.Categories }) is { } bad)
            {
                return new ChainMenuProblem(bad.Code, Renamed(bad.Field ?? "added"), $"The override of {name}: {bad.Detail}");
            }
            known.UnionWith(layer.Added.Select(i => i.Id));
        }
        foreach (var (name, layer) in layers)
        {
            for (var i = 0; i < layer.Items.Count; i++)
            {
                if (!known.Contains(layer.Items[i].Id))
                {
                    return Unknown(name, $"items[{i}].id", layer.Items[i].Id);
                }
            }
            for (var i = 0; i < layer.Removed.Count; i++)
            {
                if (!known.Contains(layer.Removed[i]))
                {
                    return Unknown(name, $"removed[{i}]", layer.Removed[i]);
                }
            }
        }
        return null;
    }

    private static ChainMenuProblem Unknown(string name, string field, string itemId) => new(UnknownMenuItem, field,
        $"The override of {name} names item '{itemId}', which neither the base menu nor any override's added items has; "
        + "add the item (to the base, or to an override's added items) or leave it out.");

    private static ChainMenuProblem Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, field, detail);

    // The menu rules name a menu's "items"; in an override those are its "added" items.
    private static string Renamed(string field) => field.StartsWith("items", StringComparison.Ordinal) ? "added" + field["items".Length..] : field;

    private static bool IsItemId([NotNullWhen(true)] string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
