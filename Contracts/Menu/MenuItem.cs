namespace Pos.Contracts.Menu;

/// <summary>Something the store sells, its price and tax rate, and the station that prepares it.</summary>
public sealed record MenuItem(
    string Id,
    string Name,
    long PriceMinor,
    int TaxRateBp,
    string Station);

/// <summary>A whole menu: the store's currency and its items.</summary>
public sealed record MenuDefinition(
    string Currency,
    IReadOnlyList<MenuItem> Items);
