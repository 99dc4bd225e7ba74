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
    string? CategoryId = null)
{
    /// <summary>
    /// The choices a line of this item is made with (a steak's temperature, extra cheese), in the order screens show
    /// them; empty when the item has none. A group with <c>min</c> of 1 or more must be chosen from.
    /// </summary>
    public IReadOnlyList<ModifierGroup> ModifierGroups { get; init; } = [];

    /// <summary>Equal items: the same fields and the same groups in the same order, whatever list holds them.</summary>
    public bool Equals(MenuItem? other) =>
        other is not null && Id == other.Id && Name == other.Name && PriceMinor == other.PriceMinor && TaxRateBp == other.TaxRateBp
        && Station == other.Station && CategoryId == other.CategoryId && (ModifierGroups ?? []).SequenceEqual(other.ModifierGroups ?? []);

    public override int GetHashCode() => HashCode.Combine(Id, Name, PriceMinor, TaxRateBp, Station, CategoryId, (ModifierGroups ?? []).Count);
}

/// <summary>
/// A choice made on a line of an item: <paramref name="Min"/> to <paramref name="Max"/> of its options (a group with
/// min 1 or more is required). Option ids are unique within the group.
/// </summary>
public sealed record ModifierGroup(string Id, string Name, int Min, int Max, IReadOnlyList<ModifierOption> Options)
{
    /// <summary>Equal groups: the same fields and the same options in the same order, whatever list holds them.</summary>
    public bool Equals(ModifierGroup? other) =>
        other is not null && Id == other.Id && Name == other.Name && Min == other.Min && Max == other.Max
        && (Options ?? []).SequenceEqual(other.Options ?? []);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Min, Max, (Options ?? []).Count);
}

/// <summary>One option of a modifier group and what it adds to the item's unit price (0 for none).</summary>
public sealed record ModifierOption(string Id, string Name, long PriceMinor);

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
