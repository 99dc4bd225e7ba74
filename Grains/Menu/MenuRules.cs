using System.Text.RegularExpressions;
using Pos.Grains.Commands;
using Pos.Grains.Money;

namespace Pos.Grains.Menu;

/// <summary>What makes a menu valid.</summary>
public static partial class MenuRules
{
    public const int MaxItems = 2_000;

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
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 100)
            {
                return Invalid($"{at}.name", "name is required, at most 100 characters.");
            }
            if (item.PriceMinor < 0)
            {
                return Invalid($"{at}.priceMinor", "priceMinor cannot be negative.");
            }
            if (item.TaxRateBp is < 0 or > LineTax.MaxRateBp)
            {
                return Invalid($"{at}.taxRateBp", $"taxRateBp must be between 0 and {LineTax.MaxRateBp}.");
            }
            if (string.IsNullOrWhiteSpace(item.Station) || item.Station.Length > 40)
            {
                return Invalid($"{at}.station", "station is required (e.g. kitchen, bar), at most 40 characters.");
            }
        }
        return null;
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex ItemId();
}
