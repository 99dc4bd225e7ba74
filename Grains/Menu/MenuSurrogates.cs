using Pos.Contracts.Menu;

namespace Pos.Grains.Menu;

// The menu's wire types live in Contracts, which knows nothing of Orleans; these surrogates carry them across grain
// calls. The views that hold them are marked immutable, so a local call copies nothing.

[GenerateSerializer, Immutable, Alias("pos.menu-item")]
public readonly record struct MenuItemSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long PriceMinor,
    [property: Id(3)] int TaxRateBp,
    [property: Id(4)] string Station);

/// <summary>Carries a <see cref="MenuItem"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class MenuItemConverter : IConverter<MenuItem, MenuItemSurrogate>
{
    public MenuItem ConvertFromSurrogate(in MenuItemSurrogate surrogate) =>
        new(surrogate.Id, surrogate.Name, surrogate.PriceMinor, surrogate.TaxRateBp, surrogate.Station);

    public MenuItemSurrogate ConvertToSurrogate(in MenuItem value) =>
        new(value.Id, value.Name, value.PriceMinor, value.TaxRateBp, value.Station);
}

[GenerateSerializer, Immutable, Alias("pos.menu-definition")]
public readonly record struct MenuDefinitionSurrogate(
    [property: Id(0)] string Currency,
    [property: Id(1)] IReadOnlyList<MenuItem> Items);

/// <summary>Carries a <see cref="MenuDefinition"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class MenuDefinitionConverter : IConverter<MenuDefinition, MenuDefinitionSurrogate>
{
    public MenuDefinition ConvertFromSurrogate(in MenuDefinitionSurrogate surrogate) => new(surrogate.Currency, surrogate.Items);

    public MenuDefinitionSurrogate ConvertToSurrogate(in MenuDefinition value) => new(value.Currency, value.Items);
}
