using Pos.Contracts.Problems;

namespace Pos.Grains.Commands;

/// <summary>
/// Carries a <see cref="CommandError"/> (a Contracts type, free of Orleans) across grain calls. The results that hold
/// one are marked immutable, so a local call copies nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.command-error")]
public readonly record struct CommandErrorSurrogate(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field);

/// <summary>Converts a <see cref="CommandError"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class CommandErrorConverter : IConverter<CommandError, CommandErrorSurrogate>
{
    public CommandError ConvertFromSurrogate(in CommandErrorSurrogate surrogate) => new(surrogate.Code, surrogate.Detail, surrogate.Field);

    public CommandErrorSurrogate ConvertToSurrogate(in CommandError value) => new(value.Code, value.Detail, value.Field);
}
