using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Pos.Bench.Backlog;
using Pos.Bench.Cloud;
using Pos.Bench.Hq;
using Pos.Bench.Printing;
using Pos.Bench.Soak;
using Pos.Bench.StaffApp;
using Pos.Tools;

[assembly: InternalsVisibleTo("Appliance.Tests")]

namespace Pos.Bench;

/// <summary>What each subcommand runs once its options are read; the tests put recorders in their place.</summary>
internal sealed record BenchActions(
    Func<BenchOptions, CancellationToken, Task<int>> Orders,
    Func<PrintingOptions, CancellationToken, Task<int>> Printing,
    Func<CloudOptions, CancellationToken, Task<int>> Cloud,
    Func<BacklogOptions, CancellationToken, Task<int>> Backlog,
    Func<StaffAppOptions, CancellationToken, Task<int>> StaffApp,
    Func<HqOptions, CancellationToken, Task<int>> Hq,
    Func<SoakOptions, CancellationToken, Task<int>> Soak);

/// <summary>
/// The command line of Pos.Bench (System.CommandLine): one subcommand per benchmark, each with typed options and
/// their defaults. Bad arguments end with exit code 2 and a message naming the option, as the benchmarks promise.
/// </summary>
internal static class BenchCommandLine
{
    public const int BadArguments = ToolCommandLine.BadArguments;

    private const string ToolName = "dotnet Pos.Bench.dll";

    /// <summary>The whole command tree; <paramref name="environment"/> gives the variables that stand in for options.</summary>
    public static RootCommand Create(BenchActions actions, Func<string, string?> environment) =>
        new("""
            Pos.Bench: the appliance's and the cloud's benchmarks, each side by side with a baseline on the same machine.
            Exit code 0 when a benchmark ran (targets met or not), 1 when it could not run, 2 on bad arguments,
            3 when the printing, cloud or backlog benchmark saw a ticket or an event lost or doubled, or the staff-app
            benchmark a check fail (a request outside loopback, a file without brotli, a tapped line lost or doubled), or
            the soak a ticket lost or doubled or an event the cloud did not get.
            """)
        {
            BenchOptions.CreateCommand(environment, actions.Orders),
            PrintingOptions.CreateCommand(environment, actions.Printing),
            CloudOptions.CreateCommand(environment, actions.Cloud),
            BacklogOptions.CreateCommand(actions.Backlog),
            StaffAppOptions.CreateCommand(environment, actions.StaffApp),
            HqOptions.CreateCommand(environment, actions.Hq),
            SoakOptions.CreateCommand(actions.Soak),
        };

    /// <summary>Parses <paramref name="args"/> and runs the chosen subcommand, or writes what is wrong and returns 2.</summary>
    public static Task<int> InvokeAsync(
        RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        ToolCommandLine.InvokeAsync(root, ToolName, args, output, error, cancellationToken);
}

/// <summary>The kinds of option the benchmarks share, each parsed and checked with a message naming the option.</summary>
internal static class BenchOption
{
    /// <summary>A whole number of at least <paramref name="min"/>; without <paramref name="fallback"/> it has no default.</summary>
    public static Option<T> Number<T>(string name, string description, T? fallback, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result => ParseNumber(result, name, min, max),
        };
        if (fallback is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary>An http or https base URL; a missing trailing slash is added, so relative paths resolve under it.</summary>
    public static Option<Uri> Url(string name, string description, Uri fallback) => new(name)
    {
        Description = description,
        HelpName = "URL",
        DefaultValueFactory = _ => fallback,
        CustomParser = result => ParseUrl(result, result.Tokens[0].Value, name),
    };

    /// <summary>Comma-separated http or https base URLs, one value ("a,b"), at least one.</summary>
    public static Option<Uri[]> Urls(string name, string description, IReadOnlyList<Uri> fallback) => new(name)
    {
        Description = description,
        HelpName = "URL[,URL...]",
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => [.. fallback],
        CustomParser = result => [.. SplitList(result, name).Select(part => ParseUrl(result, part, name)!)],
    };

    /// <summary>
    /// Comma-separated whole numbers above zero, one value ("1,8,32"). The default is in the description (help would
    /// show a list's default as "1|8|32"): the caller applies it when the option is not given.
    /// </summary>
    public static Option<int[]> PositiveList(string name, string description, IReadOnlyList<int> fallback) => new(name)
    {
        Description = $"{description} [default: {string.Join(',', fallback)}]",
        HelpName = "LIST",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => [.. SplitList(result, name).Select(part => ParseNumber(result, part, name, 1, int.MaxValue))],
    };

    /// <summary>Text that must be given and not blank.</summary>
    public static Option<string> RequiredText(string name, string description, string helpName)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName, Required = true };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{name} must not be empty");
            }
        });
        return option;
    }

    /// <summary>The path of an optional Markdown copy of the results.</summary>
    public static Option<string> Markdown(string description) => new("--markdown") { Description = description, HelpName = "PATH" };

    private static T ParseNumber<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T> => ParseNumber(result, result.Tokens[0].Value, name, min, max);

    private static T ParseNumber<T>(ArgumentResult result, string text, string name, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        if (T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == T.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
        result.AddError($"bad value for {name}: '{text}' ({range})");
        return default;
    }

    private static Uri? ParseUrl(ArgumentResult result, string text, string name)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        result.AddError($"bad value for {name}: '{text}' (an http or https URL)");
        return null;
    }

    private static string[] SplitList(ArgumentResult result, string name)
    {
        var parts = result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            result.AddError($"{name} needs at least one value");
        }

        return parts;
    }
}
