namespace Pos.Bench;

/// <summary>Folds one option of a command line into the options read so far; null (with the error) refuses it.</summary>
internal delegate T? ApplyOption<T>(T options, string name, string value, out string error)
    where T : class;

/// <summary>The option syntax every subcommand shares: "--name value", "--name=value", and flags without a value.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Reads the options after the subcommand (args[0]) and folds each into <paramref name="options"/>; a name in
    /// <paramref name="flags"/> takes no value (it is applied with ""). False with the error at the first bad option.
    /// </summary>
    public static bool TryFold<T>(string[] args, T options, IReadOnlySet<string> flags, ApplyOption<T> apply, out T result, out string error)
        where T : class
    {
        result = options;
        error = "";
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (flags.Contains(name))
            {
                value = "";
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }

            if (value is null)
            {
                error = $"{name} needs a value";
                return false;
            }

            if (apply(result, name, value, out error) is not { } next)
            {
                return false;
            }

            result = next;
        }

        return true;
    }
}
