using System.CommandLine;
using System.Globalization;
using System.Reflection;

namespace Pos.Chaos;

/// <summary>
/// The command line of Pos.Chaos (System.CommandLine). Exit code 0 when the run passed, 1 when it lost or doubled
/// anything or could not finish, 2 on bad arguments.
/// </summary>
public static class ChaosCommandLine
{
    public const int Failed = 1;

    public static RootCommand Create(Func<ChaosOptions, string?, TextWriter, CancellationToken, Task<int>> run, Func<string, string?> environment)
    {
        var cycles = Number("--cycles", "How many faults, mixed in the long run's proportions (--cycles 310 is the long run)", 10, 1, 100_000);
        var seed = Number("--seed", "The seed of the faults and the devices' choices [default: a new one, printed]", -1, 0, int.MaxValue);
        var devices = Number("--devices", "Simulated terminals taking orders at once", 8, 1, 64);
        var pace = Number("--pace-ms", "Each device's pause between two orders, at most, in milliseconds", 300, 0, 60_000);
        var data = new Option<string>("--data")
        {
            Description = "The run's folder (emptied first) [default: $POS_DATA/chaos]",
            HelpName = "DIR",
            DefaultValueFactory = _ => Path.Combine(environment("POS_DATA") is { Length: > 0 } d ? d : ".pos", "chaos"),
        };
        var markdown = new Option<string>("--markdown") { Description = "Also write the table to this file", HelpName = "PATH" };
        var root = new RootCommand("""
            Pos.Chaos: the whole store (the appliance, its PostgreSQL, two cloud silos, two virtual printers) under simulated
            devices taking whole orders while faults are injected for real (appliance SIGKILL, PostgreSQL immediate
            restarts, power cuts, silo SIGKILL, the cloud link cut, printers offline, out of paper, dropping mid-ticket);
            then a checker over every acknowledged command, every fired line on paper, and the cloud's copy and reports.
            Exit code 0 when nothing was lost or doubled, 1 otherwise (or when the run could not finish), 2 on bad arguments.
            """)
        {
            cycles, seed, devices, pace, data, markdown,
        };
        root.SetAction(async (parsed, cancellationToken) =>
        {
            var chosenSeed = parsed.GetValue(seed);
            var options = new ChaosOptions
            {
                Cycles = parsed.GetValue(cycles),
                Seed = chosenSeed >= 0 ? chosenSeed : Random.Shared.Next(1, 1_000_000),
                Devices = parsed.GetValue(devices),
                PaceMs = parsed.GetValue(pace),
                DataDir = Path.GetFullPath(parsed.GetValue(data)!),
                ApplianceDll = Path.Combine(OutputDir("ApplianceOutputDir"), "Pos.Appliance.dll"),
                CloudDll = Path.Combine(OutputDir("CloudOutputDir"), "Pos.Cloud.dll"),
            };
            return await run(options, parsed.GetValue(markdown), parsed.InvocationConfiguration.Output, cancellationToken);
        });
        return root;

        Option<int> Number(string name, string description, int fallback, int min, int max) => new(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }
                result.AddError($"bad value for {name}: '{text}' (a whole number from {min} to {max})");
                return fallback;
            },
        };
    }

    /// <summary>Runs a chaos run, prints its table and findings, writes the Markdown copy if asked; 0 when it passed.</summary>
    public static async Task<int> RunAsync(ChaosOptions options, string? markdown, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await ChaosRun.RunAsync(options, output, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync(result.Table());
        foreach (var finding in result.Findings())
        {
            await output.WriteLineAsync(finding);
        }
        if (markdown is not null)
        {
            await File.WriteAllTextAsync(markdown, result.Table(), cancellationToken);
        }
        return result.Passed ? 0 : Failed;
    }

    /// <summary>Where the appliance's or the cloud's build is, written into this assembly by the project file.</summary>
    private static string OutputDir(string key) =>
        typeof(ChaosCommandLine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The tool does not say where its {key} is.");
}
