namespace Pos.Contracts.Menu;

/// <summary>Journal event: the whole menu was replaced.</summary>
public sealed record MenuReplaced(int Version, string Currency, IReadOnlyList<MenuItem> Items);
