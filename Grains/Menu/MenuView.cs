using Pos.Contracts.Menu;

namespace Pos.Grains.Menu;

/// <summary>The menu in force and its version.</summary>
[GenerateSerializer, Immutable, Alias("pos.menu-view")]
public sealed record MenuView(
    [property: Id(0)] int Version,
    [property: Id(1)] string Currency,
    [property: Id(2)] IReadOnlyList<MenuItem> Items,
    [property: Id(3)] DateTimeOffset UpdatedAt) : Journal.IVersioned
{
    /// <summary>The headings the items are listed under, in the menu's order.</summary>
    [Id(4)] public IReadOnlyList<MenuCategory> Categories { get; init; } = [];
}
