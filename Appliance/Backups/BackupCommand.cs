using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Appliance.Hosting;
using Pos.Hosting.Database;
using Pos.Tools;

namespace Pos.Appliance.Backups;

/// <summary>
/// <c>dotnet Pos.Appliance.dll backup now|list|restore FILE --into CONNECTION</c> (also <c>./pos backup ...</c>): takes a
/// backup of the store's database now (POS_DB, else the embedded cluster in POS_DATA), lists the kept ones, or restores
/// one into a fresh database. Exit code 0 when done, 1 when pg_dump or pg_restore failed or the target was not empty,
/// 2 on bad arguments, 3 when the store's database could not be reached.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";
    public const int Failed = 1;
    public const int NoDatabase = 3;

    /// <summary>Whether <paramref name="args"/> ask for this command rather than the appliance.</summary>
    public static bool IsAsked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command with the appliance's settings from the environment.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var data = Path.GetFullPath(config["POS_DATA"] is { Length: > 0 } d ? d : ".pos");
        BackupSettings backup;
        try
        {
            backup = BackupSettings.From(config, new PosSettings { DataDir = data, Clock = new() });
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ToolCommandLine.BadArguments;
        }
        var database = config["POS_DB"] is { Length: > 0 } db ? db : null;
        return await RunAsync(args, backup, database, data, Console.Out, Console.Error, CancellationToken.None);
    }

    /// <summary>
    /// Parses <paramref name="args"/> (starting with <see cref="Name"/>) and runs it; <paramref name="database"/> is the
    /// store's connection string, null for the embedded cluster in <paramref name="dataDir"/>.
    /// </summary>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args, BackupSettings backup, string? database, string dataDir, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var now = new Command("now", $"Takes a backup of the store's database now, into {backup.Folder}, and keeps the newest {backup.Keep} (POS_BACKUP_KEEP).");
        now.SetAction(async (_, token) =>
        {
            var embedded = database is null ? new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(dataDir), NullLogger.Instance) : null;
            try
            {
                if (embedded is not null)
                {
                    // Running already when the appliance runs; started for the backup (and stopped after) when not.
                    await embedded.StartAsync(token);
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                await error.WriteLineAsync($"error: could not open the store's database ({e.Message}); set POS_DB and POS_DATA as the appliance has them.");
                return NoDatabase;
            }
            try
            {
                var backups = new DatabaseBackups(backup, database ?? embedded!.ConnectionString(), TimeProvider.System, NullLogger.Instance);
                var taken = await backups.TakeAsync(token);
                await output.WriteLineAsync($"backup taken: {taken.Path} ({Size(taken.Bytes)}); {backups.List().Count} kept in {backup.Folder}");
                return 0;
            }
            catch (Exception e) when (e is BackupFailedException or NpgsqlException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return Failed;
            }
            finally
            {
                if (embedded is { StartedHere: true })
                {
                    embedded.Stop();
                }
            }
        });
        var list = new Command("list", $"Lists the backups in {backup.Folder}, newest first.");
        list.SetAction(async (_, _) =>
        {
            var all = new DatabaseBackups(backup, "", TimeProvider.System, NullLogger.Instance).List();
            if (all.Count == 0)
            {
                await output.WriteLineAsync($"no backups in {backup.Folder} yet");
            }
            foreach (var b in all)
            {
                await output.WriteLineAsync($"{b.TakenAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}  {Size(b.Bytes),10}  {b.Path}");
            }
            return 0;
        });
        var file = new Argument<string>("file") { Description = "The backup: a path, or a name in the backups folder (see 'backup list')" };
        var into = new Option<string>("--into")
        {
            Description = "The fresh (empty) database to restore into, as a connection string, e.g. 'Host=/var/run/postgresql;Username=pos;Database=pos_restored'. " +
                "Leave the password out: it is read from PGPASSWORD or ~/.pgpass.",
            HelpName = "CONNECTION",
            Required = true,
        };
        var restore = new Command("restore", "Restores a backup into a fresh database, all or nothing; then point the appliance at it (POS_DB) or rename it.")
        {
            file, into,
        };
        restore.SetAction(async (parsed, token) =>
        {
            var name = parsed.GetValue(file)!;
            var path = File.Exists(name) ? Path.GetFullPath(name) : Path.Combine(backup.Folder, name);
            var target = parsed.GetValue(into)!;
            try
            {
                await DatabaseBackups.RestoreAsync(path, target, token);
                await output.WriteLineAsync($"restored {path} into {PgClient.Describe(target)}");
                return 0;
            }
            catch (Exception e) when (e is BackupFailedException or NpgsqlException or IOException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return Failed;
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync($"error: --into is not a connection string ({e.Message})");
                return ToolCommandLine.BadArguments;
            }
        });
        var command = new Command(Name, "The store's local backups (pg_dump, custom format) in the data folder.") { now, list, restore };
        var root = new RootCommand("The appliance's maintenance commands (with no arguments it runs the appliance).") { command };
        return ToolCommandLine.InvokeAsync(root, "dotnet Pos.Appliance.dll", args, output, error, cancellationToken);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
