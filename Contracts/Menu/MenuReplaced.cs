namespace Pos.Contracts.Menu;

/// <summary>Journal event: the whole menu was replaced.</summary>
public sealed record MenuReplaced(int Version, string Currency, IReadOnlyList<MenuItem> Items)
{
    /// <summary>The menu's categories, in its order; an event written before menus had categories reads as none.</summary>
    public IReadOnlyList<MenuCategory> Categories { get; init; } = [];
}
