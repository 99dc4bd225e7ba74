using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Cloud.Database;
using Pos.Cloud.Hosting;
using Pos.Hosting.Database;
using Pos.Tools;

namespace Pos.Cloud.Reports;

/// <summary>
/// <c>dotnet Pos.Cloud.dll rebuild-projections [--check] [--store ID] [--from DATE --to DATE]</c>: folds every store
/// date again from the raw journal, compares with the stored figures and (without --check) rewrites those that differ
/// (<see cref="ProjectionRebuild"/>). Runs beside the silos, on the database they use (POS_CLOUD_DB, else the embedded
/// one in POS_DATA/cloud). Exit code 0 when every row matched or was repaired, 1 when --check found a mismatch, 2 on bad
/// arguments, 3 when the database could not be reached.
/// </summary>
public static class ProjectionsCommand
{
    public const string Name = "rebuild-projections";
    public const int Mismatch = 1;
    public const int NoDatabase = MaintenanceDatabase.NoDatabase;

    /// <summary>Whether <paramref name="args"/> ask for this command rather than a silo.</summary>
    public static bool IsAsked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command on the database the environment names (as a silo would use it).</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        // The command serves nothing: it needs the database's settings only, not the HQ token.
        var settings = new CloudSettings
        {
            DataDir = Path.GetFullPath(config["POS_DATA"] is { Length: > 0 } data ? data : ".pos"),
            Database = config["POS_CLOUD_DB"] is { Length: > 0 } db ? db : null,
            AdminToken = "",
        };
        await using var database = new CloudDatabase(settings, NullLogger<CloudDatabase>.Instance);
        return await MaintenanceDatabase.RunAsync(database.StartAsync, () => database.DataSource, () => database.Embedded,
            "set POS_CLOUD_DB as the silos have it",
            dataSource => RunAsync(args, dataSource, Console.Out, Console.Error, CancellationToken.None));
    }

    /// <summary>Parses <paramref name="args"/> (starting with <see cref="Name"/>) and runs the rebuild on <paramref name="dataSource"/>.</summary>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args, NpgsqlDataSource dataSource, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var check = new Option<bool>("--check") { Description = "Only compare; rewrite nothing. Exit code 1 when a row differs from the fold." };
        var store = new Option<string>("--store") { Description = "Only this store", HelpName = "ID" };
        var from = Date("--from", "Only business dates from this one (yyyy-MM-dd)");
        var to = Date("--to", "Only business dates up to this one (yyyy-MM-dd)");
        var command = new Command(Name, """
            Folds every store's business dates again from the raw journal the cloud holds, compares each with its stored
            figures (store_day_figures) and, without --check, rewrites those that differ, each under its store's lock
            (so a store's batches wait for it rather than race it). Prints a line per mismatch and a summary.
            """)
        {
            check, store, from, to,
        };
        command.SetAction(async (parsed, token) =>
        {
            // Here rather than in a validator, which would read a date that failed to parse.
            if (parsed.GetValue(from) is { } f && parsed.GetValue(to) is { } t && f > t)
            {
                await error.WriteLineAsync($"error: --from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");
                return ToolCommandLine.BadArguments;
            }
            var scope = new RebuildScope(parsed.GetValue(check), parsed.GetValue(store), parsed.GetValue(from), parsed.GetValue(to));
            var summary = await new ProjectionRebuild(dataSource).RunAsync(scope, output, token);
            await output.WriteLineAsync(summary.ToString());
            return scope.Check && summary.Mismatched > 0 ? Mismatch : 0;
        });
        var root = new RootCommand("The cloud silo's maintenance commands (with no arguments it runs the silo).") { command };
        return ToolCommandLine.InvokeAsync(root, "dotnet Pos.Cloud.dll", args, output, error, cancellationToken);
    }

    private static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            result.AddError($"bad value for {name}: '{text}' (a date like 2026-11-25)");
            return null;
        },
    };
}
