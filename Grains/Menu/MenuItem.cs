namespace Pos.Grains.Menu;

/// <summary>Something the store sells, its price and tax rate, and the station that prepares it.</summary>
[GenerateSerializer, Immutable, Alias("pos.menu-item")]
public sealed record MenuItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long PriceMinor,
    [property: Id(3)] int TaxRateBp,
    [property: Id(4)] string Station);

/// <summary>A whole menu: the store's currency and its items.</summary>
[GenerateSerializer, Immutable, Alias("pos.menu-definition")]
public sealed record MenuDefinition(
    [property: Id(0)] string Currency,
    [property: Id(1)] IReadOnlyList<MenuItem> Items);

/// <summary>The menu in force and its version.</summary>
[GenerateSerializer, Immutable, Alias("pos.menu-view")]
public sealed record MenuView(
    [property: Id(0)] int Version,
    [property: Id(1)] string Currency,
    [property: Id(2)] IReadOnlyList<MenuItem> Items,
    [property: Id(3)] DateTimeOffset UpdatedAt) : Journal.IVersioned;
