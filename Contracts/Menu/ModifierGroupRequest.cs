using System.ComponentModel.DataAnnotations;
using Pos.Contracts.Money;

namespace Pos.Contracts.Menu;

/// <summary>
/// A modifier group of a menu item as sent: <c>min</c> to <c>max</c> of its options are chosen on each line of the
/// item (<c>min</c> of 1 or more makes the choice required, e.g. a steak's temperature); each option may add to the
/// line's unit price.
/// </summary>
public sealed record ModifierGroupRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? Id,
    [property: Required, StringLength(MenuRules.MaxCategoryName, MinimumLength = 1)] string? Name,
    [property: Required, Range(0, MenuRules.MaxOptionsPerGroup)] int? Min,
    [property: Required, Range(1, MenuRules.MaxOptionsPerGroup)] int? Max,
    [property: Required, MaxLength(MenuRules.MaxOptionsPerGroup)] IReadOnlyList<ModifierOptionRequest>? Options)
{
    /// <summary>The groups as the menu's; false with the field and what to send when a part is missing.</summary>
    internal static bool TryConvert(
        IReadOnlyList<ModifierGroupRequest>? groups, string at, out IReadOnlyList<ModifierGroup> converted, out string field, out string detail)
    {
        var list = new List<ModifierGroup>(groups?.Count ?? 0);
        converted = list;
        (field, detail) = ("", "");
        for (var g = 0; g < (groups?.Count ?? 0); g++)
        {
            var group = (ModifierGroupRequest?)groups![g];
            if (group?.Min is not { } min || group.Max is not { } max || group.Options is not { } options)
            {
                (field, detail) = ($"{at}[{g}]", "each modifier group needs id, name, min, max and options.");
                return false;
            }
            var opts = new List<ModifierOption>(options.Count);
            for (var o = 0; o < options.Count; o++)
            {
                if ((ModifierOptionRequest?)options[o] is not { PriceMinor: { } price } option)
                {
                    (field, detail) = ($"{at}[{g}].options[{o}]", "each option needs id, name and priceMinor (0 when it adds nothing).");
                    return false;
                }
                opts.Add(new ModifierOption(option.Id ?? "", option.Name ?? "", price));
            }
            list.Add(new ModifierGroup(group.Id ?? "", group.Name ?? "", min, max, opts));
        }
        return true;
    }
}

/// <summary>One option of a modifier group: an id unique in the group, the name on the ticket, what it adds to the unit price.</summary>
public sealed record ModifierOptionRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? Id,
    [property: Required, StringLength(MenuRules.MaxName, MinimumLength = 1)] string? Name,
    [property: Required, Range(0d, MoneyLimits.MaxPriceMinor)] long? PriceMinor);
