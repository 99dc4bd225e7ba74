using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Pos.Tools;

/// <summary>
/// How the tools run a command line (System.CommandLine): bad arguments are written as <c>error: …</c> lines with a
/// pointer to the chosen command's <c>--help</c> and end with <see cref="BadArguments"/>; otherwise the chosen command
/// runs, with Ctrl+C and SIGTERM left to the caller (they cancel the token) and exceptions left to the tool.
/// </summary>
public static class ToolCommandLine
{
    /// <summary>The exit code of a command line that could not be read.</summary>
    public const int BadArguments = 2;

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command, or writes what is
    /// wrong to <paramref name="error"/> and returns <see cref="BadArguments"/>. <paramref name="toolName"/> is how the
    /// tool is started, for the help pointer (e.g. <c>dotnet Pos.Bench.dll</c>).
    /// </summary>
    public static async Task<int> InvokeAsync(
        RootCommand root, string toolName, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            var path = string.Join(' ', CommandPath(parsed.CommandResult).Skip(1).Prepend(toolName));
            await error.WriteLineAsync($"See '{path} --help' for the options.");
            return BadArguments;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }

    private static IEnumerable<string> CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? [.. CommandPath(parent), command.Command.Name] : [command.Command.Name];
}
