namespace Pos.Contracts.Menu;

/// <summary>
/// Something the store sells, its price and tax rate, the station that prepares it, and the category it is listed
/// under (the id of one of the menu's <c>categories</c>; null lists it under none).
/// </summary>
public sealed record MenuItem(
    string Id,
    string Name,
    long PriceMinor,
    int TaxRateBp,
    string Station,
    string? CategoryId = null);

/// <summary>A heading the menu lists items under (Starters, Mains, Drinks...): its id, which items name, and its name.</summary>
public sealed record MenuCategory(string Id, string Name);

/// <summary>A whole menu: the store's currency, its items, and the categories they are listed under.</summary>
public sealed record MenuDefinition(
    string Currency,
    IReadOnlyList<MenuItem> Items)
{
    /// <summary>The categories, in the order screens list them; empty when the menu has none.</summary>
    public IReadOnlyList<MenuCategory> Categories { get; init; } = [];
}
