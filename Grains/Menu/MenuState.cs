using Pos.Contracts.Menu;

namespace Pos.Grains.Menu;

/// <summary>The menu grain's stored state (ADO.NET grain storage).</summary>
[GenerateSerializer, Alias("pos.menu-state")]
public sealed class MenuState
{
    [Id(0)] public int Version { get; set; }
    [Id(1)] public string Currency { get; set; } = "";
    [Id(2)] public List<MenuItem> Items { get; set; } = [];
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(4)] public List<MenuCategory> Categories { get; set; } = [];
}
