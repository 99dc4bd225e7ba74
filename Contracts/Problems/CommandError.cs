namespace Pos.Contracts.Problems;

/// <summary>An expected refusal of a command: a stable code, a sentence a person can act on, and the field at fault if any.</summary>
public sealed record CommandError(
    string Code,
    string Detail,
    string? Field = null);
