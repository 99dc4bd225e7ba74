using System.Text.RegularExpressions;
using Pos.Contracts.Money;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Contracts.Menu;

/// <summary>What makes a menu valid.</summary>
public static partial class MenuRules
{
    public const int MaxItems = 2_000;
    public const int MaxName = 100;
    public const int MaxStation = 40;
    public const int MaxCategories = 200;
    public const int MaxCategoryName = 40;
    public const int MaxGroupsPerItem = 20;
    public const int MaxOptionsPerGroup = 50;

    public static CommandError? Check(MenuDefinition menu)
    {
        if (menu.Currency is null || !CurrencyCode().IsMatch(menu.Currency))
        {
            return Invalid("currency", "currency must be an ISO 4217 code of three capital letters, e.g. USD.");
        }
        if (menu.Items is null || menu.Items.Count > MaxItems)
        {
            return Invalid("items", $"items must be a list of at most {MaxItems} menu items.");
        }
        if (CheckCategories(menu.Categories) is { } badCategory)
        {
            return badCategory;
        }
        var categories = (menu.Categories ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < menu.Items.Count; i++)
        {
            var item = menu.Items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                return Invalid(at, "a menu item cannot be null.");
            }
            if (string.IsNullOrWhiteSpace(item.Id) || item.Id.Length > 64 || !ItemId().IsMatch(item.Id))
            {
                return Invalid($"{at}.id", "id must be 1 to 64 letters, digits, '-', '_' or '.'.");
            }
            if (!seen.Add(item.Id))
            {
                return Invalid($"{at}.id", $"id '{item.Id}' appears twice.");
            }
            if (TextRules.Check($"{at}.name", item.Name, MaxName, required: true) is { } name)
            {
                return name;
            }
            if (item.PriceMinor is < 0 or > MoneyLimits.MaxPriceMinor)
            {
                return Invalid($"{at}.priceMinor", $"priceMinor must be from 0 to {MoneyLimits.MaxPriceMinor} (minor units).");
            }
            if (item.TaxRateBp is < 0 or > LineTax.MaxRateBp)
            {
                return Invalid($"{at}.taxRateBp", $"taxRateBp must be between 0 and {LineTax.MaxRateBp}.");
            }
            if (TextRules.Check($"{at}.station", item.Station, MaxStation, required: true) is { } station)
            {
                return station with { Detail = $"{station.Detail} A station names where the item is made, e.g. kitchen or bar." };
            }
            if (item.CategoryId is { } categoryId && !categories.Contains(categoryId))
            {
                return Invalid($"{at}.categoryId",
                    $"{Shown(categoryId)} is not the id of one of the menu's categories; add it to categories, or leave categoryId out to list the item under none.");
            }
            if (CheckGroups(item, $"{at}.modifierGroups") is { } badGroup)
            {
                return badGroup;
            }
        }
        return null;
    }

    /// <summary>
    /// An item's modifier groups: ids unique in the item, names of one line, 0 &lt;= min &lt;= max &lt;= the number of
    /// options, option ids unique in the group, prices from 0; the item's price with every option added stays a price.
    /// </summary>
    private static CommandError? CheckGroups(MenuItem item, string at)
    {
        var groups = item.ModifierGroups ?? [];
        if (groups.Count > MaxGroupsPerItem)
        {
            return Invalid(at, $"an item has at most {MaxGroupsPerItem} modifier groups.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var most = item.PriceMinor;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var here = $"{at}[{g}]";
            if (group is null)
            {
                return Invalid(here, "a modifier group cannot be null.");
            }
            if (string.IsNullOrWhiteSpace(group.Id) || group.Id.Length > 64 || !ItemId().IsMatch(group.Id))
            {
                return Invalid($"{here}.id", "id must be 1 to 64 letters, digits, '-', '_' or '.'.");
            }
            if (!ids.Add(group.Id))
            {
                return Invalid($"{here}.id", $"id '{group.Id}' appears twice in the item's modifier groups.");
            }
            if (TextRules.Check($"{here}.name", group.Name, MaxCategoryName, required: true) is { } name)
            {
                return name;
            }
            var options = group.Options ?? [];
            if (options.Count is 0 or > MaxOptionsPerGroup)
            {
                return Invalid($"{here}.options", $"a modifier group has 1 to {MaxOptionsPerGroup} options.");
            }
            if (group.Min < 0)
            {
                return Invalid($"{here}.min", "min must be 0 (optional) or more (required).");
            }
            if (group.Max < Math.Max(1, group.Min) || group.Max > options.Count)
            {
                return Invalid($"{here}.max",
                    $"max must be at least min (and at least 1) and at most the number of options ({options.Count}).");
            }
            var optionIds = new HashSet<string>(StringComparer.Ordinal);
            for (var o = 0; o < options.Count; o++)
            {
                var option = options[o];
                var there = $"{here}.options[{o}]";
                if (option is null)
                {
                    return Invalid(there, "an option cannot be null.");
                }
                if (string.IsNullOrWhiteSpace(option.Id) || option.Id.Length > 64 || !ItemId().IsMatch(option.Id))
                {
                    return Invalid($"{there}.id", "id must be 1 to 64 letters, digits, '-', '_' or '.'.");
                }
                if (!optionIds.Add(option.Id))
                {
                    return Invalid($"{there}.id", $"id '{option.Id}' appears twice in the group.");
                }
                if (TextRules.Check($"{there}.name", option.Name, MaxName, required: true) is { } optionName)
                {
                    return optionName;
                }
                if (option.PriceMinor is < 0 or > MoneyLimits.MaxPriceMinor)
                {
                    return Invalid($"{there}.priceMinor", $"priceMinor must be from 0 to {MoneyLimits.MaxPriceMinor} (minor units).");
                }
                most += option.PriceMinor;
            }
        }
        if (most > MoneyLimits.MaxPriceMinor)
        {
            return Invalid(at, $"the item's price with every option added must stay at most {MoneyLimits.MaxPriceMinor} (minor units).");
        }
        return null;
    }

    /// <summary>The categories: at most <see cref="MaxCategories"/>, each with an id of its own and a name of one line.</summary>
    private static CommandError? CheckCategories(IReadOnlyList<MenuCategory>? categories)
    {
        if (categories is null)
        {
            return null; // a menu made without categories has none
        }
        if (categories.Count > MaxCategories)
        {
            return Invalid("categories", $"categories must be a list of at most {MaxCategories} categories.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i];
            var at = $"categories[{i}]";
            if (category is null)
            {
                return Invalid(at, "a category cannot be null.");
            }
            if (string.IsNullOrWhiteSpace(category.Id) || category.Id.Length > 64 || !ItemId().IsMatch(category.Id))
            {
                return Invalid($"{at}.id", "id must be 1 to 64 letters, digits, '-', '_' or '.'.");
            }
            if (!seen.Add(category.Id))
            {
                return Invalid($"{at}.id", $"id '{category.Id}' appears twice.");
            }
            if (TextRules.Check($"{at}.name", category.Name, MaxCategoryName, required: true) is { } name)
            {
                return name;
            }
        }
        return null;
    }

    // A detail repeats what was sent only when it is an id: never free text, never a long value.
    private static string Shown(string categoryId) =>
        categoryId.Length <= 64 && ItemId().IsMatch(categoryId) ? $"categoryId '{categoryId}'" : "categoryId";

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);

    [GeneratedRegex(@"\A[A-Z]{3}\z")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"\A[A-Za-z0-9._-]+\z")]
    private static partial Regex ItemId();
}
