namespace Pos.Grains.Menu;

/// <summary>
/// The menu in force, readable without a grain call. The menu grain publishes every version here, so an
/// order looks up an item in memory on the hot path. The appliance runs one silo, so one catalog is the
/// whole truth; before the menu grain has activated it is empty and callers ask the grain.
/// </summary>
public sealed class MenuCatalog
{
    private volatile MenuView? _current;

    public MenuView? Current => _current;

    internal void Publish(MenuView menu)
    {
        var current = _current;
        if (current is null || menu.Version >= current.Version)
        {
            _current = menu;
        }
    }
}
