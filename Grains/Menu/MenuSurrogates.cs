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
    [property: Id(4)] string Station,
    [property: Id(5)] string? CategoryId,
    [property: Id(6)] IReadOnlyList<ModifierGroup>? ModifierGroups);

/// <summary>Carries a <see cref="MenuItem"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class MenuItemConverter : IConverter<MenuItem, MenuItemSurrogate>
{
    public MenuItem ConvertFromSurrogate(in MenuItemSurrogate surrogate) =>
        new(surrogate.Id, surrogate.Name, surrogate.PriceMinor, surrogate.TaxRateBp, surrogate.Station, surrogate.CategoryId)
        {
            ModifierGroups = surrogate.ModifierGroups ?? [],
        };

    public MenuItemSurrogate ConvertToSurrogate(in MenuItem value) =>
        new(value.Id, value.Name, value.PriceMinor, value.TaxRateBp, value.Station, value.CategoryId, value.ModifierGroups);
}

[GenerateSerializer, Immutable, Alias("pos.modifier-group")]
public readonly record struct ModifierGroupSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int Min,
    [property: Id(3)] int Max,
    [property: Id(4)] IReadOnlyList<ModifierOption> Options);

/// <summary>Carries a <see cref="ModifierGroup"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class ModifierGroupConverter : IConverter<ModifierGroup, ModifierGroupSurrogate>
{
    public ModifierGroup ConvertFromSurrogate(in ModifierGroupSurrogate surrogate) =>
        new(surrogate.Id, surrogate.Name, surrogate.Min, surrogate.Max, surrogate.Options);

    public ModifierGroupSurrogate ConvertToSurrogate(in ModifierGroup value) => new(value.Id, value.Name, value.Min, value.Max, value.Options);
}

[GenerateSerializer, Immutable, Alias("pos.modifier-option")]
public readonly record struct ModifierOptionSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long PriceMinor);

/// <summary>Carries a <see cref="ModifierOption"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class ModifierOptionConverter : IConverter<ModifierOption, ModifierOptionSurrogate>
{
    public ModifierOption ConvertFromSurrogate(in ModifierOptionSurrogate surrogate) => new(surrogate.Id, surrogate.Name, surrogate.PriceMinor);

    public ModifierOptionSurrogate ConvertToSurrogate(in ModifierOption value) => new(value.Id, value.Name, value.PriceMinor);
}

[GenerateSerializer, Immutable, Alias("pos.menu-category")]
public readonly record struct MenuCategorySurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);

/// <summary>Carries a <see cref="MenuCategory"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class MenuCategoryConverter : IConverter<MenuCategory, MenuCategorySurrogate>
{
    public MenuCategory ConvertFromSurrogate(in MenuCategorySurrogate surrogate) => new(surrogate.Id, surrogate.Name);

    public MenuCategorySurrogate ConvertToSurrogate(in MenuCategory value) => new(value.Id, value.Name);
}

[GenerateSerializer, Immutable, Alias("pos.menu-definition")]
public readonly record struct MenuDefinitionSurrogate(
    [property: Id(0)] string Currency,
    [property: Id(1)] IReadOnlyList<MenuItem> Items,
    [property: Id(2)] IReadOnlyList<MenuCategory>? Categories);

/// <summary>Carries a <see cref="MenuDefinition"/> (a Contracts type) across grain calls.</summary>
[RegisterConverter]
public sealed class MenuDefinitionConverter : IConverter<MenuDefinition, MenuDefinitionSurrogate>
{
    // A definition sent by a silo that knew no categories has none.
    public MenuDefinition ConvertFromSurrogate(in MenuDefinitionSurrogate surrogate) =>
        new(surrogate.Currency, surrogate.Items) { Categories = surrogate.Categories ?? [] };

    public MenuDefinitionSurrogate ConvertToSurrogate(in MenuDefinition value) => new(value.Currency, value.Items, value.Categories);
}
