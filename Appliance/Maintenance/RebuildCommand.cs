using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Hosting.Database;
using Pos.Tools;

namespace Pos.Appliance.Maintenance;

/// <summary>
/// <c>dotnet Pos.Appliance.dll rebuild [--check]</c>: recomputes every state the appliance keeps beside its journal
/// from the journal, compares it with what is stored and (without --check) repairs what differs
/// (<see cref="DerivedStateRebuild"/>). Runs on the database the appliance uses (POS_DB, else the embedded cluster in
/// POS_DATA); repair with the appliance stopped. Exit code 0 when everything matched or was repaired, 1 when something
/// differs (--check) or could not be repaired, 2 on bad arguments, 3 when the database could not be reached.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild";
    public const int Mismatch = 1;
    public const int NoDatabase = MaintenanceDatabase.NoDatabase;

    /// <summary>Whether <paramref name="args"/> ask for this command rather than the appliance.</summary>
    public static bool IsAsked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command on the database the environment names (as the appliance would use it).</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var settings = PosSettings.From(config);
        await using var database = new PosDatabase(settings, NullLogger<PosDatabase>.Instance);
        // Migrates forward as the appliance would: the checks read the current schema.
        return await MaintenanceDatabase.RunAsync(database.StartAsync, () => database.DataSource, () => database.Embedded,
            "set POS_DB or POS_DATA as the appliance has them",
            dataSource => RunAsync(args, dataSource, Console.Out, Console.Error, CancellationToken.None));
    }

    /// <summary>Parses <paramref name="args"/> (starting with <see cref="Name"/>) and runs the rebuild on <paramref name="dataSource"/>.</summary>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args, NpgsqlDataSource dataSource, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var check = new Option<bool>("--check") { Description = "Only compare; change nothing. Exit code 1 when a stored state differs from the journal." };
        var command = new Command(Name, """
            Recomputes from the journal every state the appliance keeps beside it (the menu's grain storage, the day seals'
            counts, the sync checkpoint, the journal's indexes that serve print queues, orders and reports), compares it
            with what is stored and, without --check, repairs what differs. Order views, print queues and reports are
            folded from the journal when read, so they have nothing else stored. Prints a line per mismatch and a summary.
            Repair with the appliance stopped.
            """)
        {
            check,
        };
        command.SetAction(async (parsed, token) =>
        {
            var summary = await new DerivedStateRebuild(dataSource).RunAsync(parsed.GetValue(check), output, token);
            await output.WriteLineAsync(summary.ToString());
            return summary.Failed ? Mismatch : 0;
        });
        var root = new RootCommand("The appliance's maintenance commands (with no arguments it runs the appliance).") { command };
        return ToolCommandLine.InvokeAsync(root, "dotnet Pos.Appliance.dll", args, output, error, cancellationToken);
    }
}
