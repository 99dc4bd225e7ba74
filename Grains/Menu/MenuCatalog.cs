using Pos.Grains.Journal;

namespace Pos.Grains.Menu;

/// <summary>
/// The menu in force, readable without a grain call: an order looks up an item in memory on the hot path. The
/// menu grain publishes every version here; before it has activated this is empty and callers ask the grain.
/// </summary>
public sealed class MenuCatalog : LatestVersion<MenuView>;
