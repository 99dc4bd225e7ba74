using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Menu;

/// <summary>The store's menu. One per store, key <see cref="MenuGrainKey.Store"/>.</summary>
public interface IMenuGrain : IGrainWithStringKey
{
    /// <summary>The menu in force, or null before one was set.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<MenuView?> Get();

    /// <summary>Replaces the whole menu; a journal event records the change.</summary>
    Task<MenuResult> Replace([Immutable] MenuDefinition menu, CommandContext context);
}

public static class MenuGrainKey
{
    public const string Store = "store";
}

/// <summary>The menu after a change, or why the change was refused.</summary>
[GenerateSerializer, Immutable, Alias("pos.menu-result")]
public sealed record MenuResult(
    [property: Id(0)] MenuView? Menu,
    [property: Id(1)] CommandError? Error);
