using Grain = Pos.Grains.Menu;
using Wire = Pos.Contracts.Menu;

namespace Pos.Api.Menu;

/// <summary>The menu grain's view as the wire record (Contracts) the menu routes answer; the items and categories are Contracts' already.</summary>
public static class MenuWireMapping
{
    public static Wire.MenuView ToWire(this Grain.MenuView menu) =>
        new(menu.Version, menu.Currency, menu.Items, menu.UpdatedAt) { Categories = menu.Categories };
}
