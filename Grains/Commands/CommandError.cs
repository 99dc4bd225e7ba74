namespace Pos.Grains.Commands;

/// <summary>An expected refusal of a command: a stable code, a sentence a person can act on, and the field at fault if any.</summary>
[GenerateSerializer, Immutable, Alias("pos.command-error")]
public sealed record CommandError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field = null);
