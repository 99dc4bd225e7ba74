namespace Pos.Chaos.Load;

/// <summary>One item of the suite's menu: its price, tax rate and the station (and so the printer) it goes to.</summary>
public sealed record ChaosItem(string Id, string Name, long PriceMinor, int TaxRateBp, string Station);

/// <summary>The suite's menu: kitchen and bar items, so a fire sends a ticket to each printer.</summary>
public static class ChaosMenu
{
    public static readonly IReadOnlyList<ChaosItem> Items =
    [
        new("burger", "Burger", 1250, 825, "kitchen"),
        new("fries", "Fries", 475, 825, "kitchen"),
        new("salad", "Salad", 900, 825, "kitchen"),
        new("ipa", "IPA", 700, 1000, "bar"),
        new("soda", "Soda", 199, 0, "bar"),
    ];

    /// <summary>The body of <c>PUT /api/v1/menu</c>.</summary>
    public static object Request => new
    {
        currency = "USD",
        items = Items.Select(i => new { id = i.Id, name = i.Name, priceMinor = i.PriceMinor, taxRateBp = i.TaxRateBp, station = i.Station }).ToArray(),
    };

    /// <summary>What a line costs with its tax: the tax per line, rounded half away from zero (the store's rule).</summary>
    public static long LineTotal(ChaosItem item, int quantity)
    {
        var net = item.PriceMinor * quantity;
        return net + (long)Math.Round(net * item.TaxRateBp / 10_000m, MidpointRounding.AwayFromZero);
    }
}
