using Npgsql;

namespace Pos.Appliance.Backups;

/// <summary>A backup on disk: its path, when it was taken, its size.</summary>
public sealed record BackupFile(string Path, DateTimeOffset TakenAt, long Bytes);

/// <summary>pg_dump or pg_restore ended with an error (its own words in the message).</summary>
public sealed class BackupFailedException(string message) : Exception(message);

/// <summary>
/// The store's backups: pg_dump of its database in the custom format (compressed; restored with pg_restore), the
/// newest <see cref="BackupSettings.Keep"/> kept in <see cref="BackupSettings.Folder"/>; and their restore into a fresh
/// database. Hangfire's own tables are left out: they hold only jobs, and the appliance makes them again at start.
/// </summary>
public sealed partial class DatabaseBackups(BackupSettings settings, string connectionString, TimeProvider time, ILogger logger)
{
    public const string LeftOutSchema = "hangfire";

    public BackupSettings Settings => settings;

    /// <summary>Takes a backup now, checks pg_restore can read it, makes it visible under its name, then rotates.</summary>
    public async Task<BackupFile> TakeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Folder);
        DeletePartials();
        var name = BackupFiles.NameFor(time.GetUtcNow());
        var partial = Path.Combine(settings.Folder, BackupFiles.PartialNameFor(name));
        var final = Path.Combine(settings.Folder, name);
        try
        {
            var (code, error) = await PgClient.RunAsync("pg_dump", connectionString,
                ["--format=custom", "--no-password", $"--exclude-schema={LeftOutSchema}", $"--file={partial}"], cancellationToken);
            if (code != 0)
            {
                throw new BackupFailedException($"pg_dump of {PgClient.Describe(connectionString)} failed ({code}): {error}");
            }
            // Read back: a file pg_restore cannot list is no backup.
            (code, error) = await PgClient.RunAsync("pg_restore", connectionString, ["--list", partial], cancellationToken);
            if (code != 0)
            {
                throw new BackupFailedException($"pg_restore could not read the backup just written ({code}): {error}");
            }
            // On disk before it has the name of a backup: a power cut leaves a whole backup or only a .partial.
            await using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }
            File.Move(partial, final);
            await FolderSync.SyncAsync(settings.Folder, cancellationToken); // the new name on disk too
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        var taken = new BackupFile(final, BackupFiles.TakenAt(name)!.Value, new FileInfo(final).Length);
        LogTaken(logger, final, taken.Bytes);
        foreach (var old in BackupFiles.ToDelete(Directory.EnumerateFiles(settings.Folder).Select(Path.GetFileName)!, settings.Keep))
        {
            File.Delete(Path.Combine(settings.Folder, old));
            LogDeleted(logger, old, settings.Keep);
        }
        return taken;
    }

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List() => Directory.Exists(settings.Folder)
        ? [.. Directory.EnumerateFiles(settings.Folder)
            .Select(p => (Path: p, TakenAt: BackupFiles.TakenAt(Path.GetFileName(p))))
            .Where(f => f.TakenAt is not null)
            .OrderByDescending(f => f.TakenAt)
            .Select(f => new BackupFile(f.Path, f.TakenAt!.Value, new FileInfo(f.Path).Length))]
        : [];

    /// <summary>
    /// Restores <paramref name="backup"/> into the empty database <paramref name="into"/> names, in one transaction (all or
    /// nothing). A database that already holds tables is refused: a restore never mixes with a store's journal.
    /// </summary>
    public static async Task RestoreAsync(string backup, string into, CancellationToken cancellationToken)
    {
        if (!File.Exists(backup))
        {
            throw new BackupFailedException($"no backup at {backup}");
        }
        await using (var connection = new NpgsqlConnection(into))
        {
            await connection.OpenAsync(cancellationToken);
            await using var tables = new NpgsqlCommand("""
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
                """, connection);
            if ((long)(await tables.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                throw new BackupFailedException(
                    $"{PgClient.Describe(into)} is not empty; restore into a fresh database (createdb) and point the appliance at it");
            }
        }
        var database = new NpgsqlConnectionStringBuilder(into).Database!;
        var (code, error) = await PgClient.RunAsync("pg_restore", into,
            ["--no-password", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={database}", backup],
            cancellationToken);
        if (code != 0)
        {
            throw new BackupFailedException($"pg_restore into {PgClient.Describe(into)} failed ({code}): {error}");
        }
    }

    /// <summary>What a backup killed midway left (the process, or the machine, stopped during pg_dump).</summary>
    private void DeletePartials()
    {
        foreach (var partial in Directory.EnumerateFiles(settings.Folder, "." + "*" + BackupFiles.PartialSuffix))
        {
            File.Delete(partial);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup taken: {Path} ({Bytes} bytes)")]
    private static partial void LogTaken(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} deleted: only the newest {Keep} are kept (POS_BACKUP_KEEP)")]
    private static partial void LogDeleted(ILogger logger, string name, int keep);
}
