using Npgsql;
using Pos.Appliance.Backups;
using Pos.Appliance.Tests.Printing;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Backups;

/// <summary>
/// A backup is only as good as its restore: a store's database with a day of real orders (lines fired, tickets printed
/// on virtual printers, a payment) backed up through the command an operator uses, restored into a fresh database, and
/// an appliance started on it reports the same day from the same journal.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string ReportPath = "/api/v1/reports/daily?businessDate=2026-11-25";

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_has_the_same_journal_and_the_same_daily_report()
    {
        var folder = Directory.CreateTempSubdirectory("pos-backups-").FullName;
        var backup = new BackupSettings { Folder = folder, Keep = 7, Cron = null };
        string journal;
        string report;
        await using (var rig = await PrintingRig.StartAsync())
        {
            var (first, _) = await rig.FireOrderAsync(("burger", 2), ("ipa", 1));
            await rig.FireOrderAsync(("fries", 1), ("soda", 2));
            await Poll.UntilAsync(() => rig.EventsAsync("PrintJobPrinted"), p => p.Count == 4, TimeSpan.FromSeconds(30), "four tickets printed");
            var order = await rig.Client.GetJsonAsync($"/api/v1/orders/{first}");
            (await rig.Client.PayAsync(first, "cash", order.GetProperty("totalMinor").GetInt64())).EnsureSuccessStatusCode();
            report = await rig.Client.GetStringAsync(ReportPath);
            journal = await JournalAsync(rig.Appliance.ConnectionString);
            Assert.Contains("PrintJobPrinted", journal, StringComparison.Ordinal);
            Assert.Contains("PaymentAdded", journal, StringComparison.Ordinal);

            var (code, said) = await RunAsync(backup, rig.Appliance.ConnectionString, "backup", "now");
            Assert.True(code == 0, said);
            Assert.StartsWith("backup taken: " + folder, said, StringComparison.Ordinal);
        }
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.True(BackupFiles.IsBackup(Path.GetFileName(file)), file);

        var fresh = await TestPostgres.CreateDatabaseAsync("restored");
        var (restoredCode, restoredSaid) = await RunAsync(backup, null, "backup", "restore", Path.GetFileName(file), "--into", fresh);
        Assert.True(restoredCode == 0, restoredSaid);
        Assert.Equal(journal, await JournalAsync(fresh));

        await using (var restored = await PrintingRig.StartOnAsync(fresh))
        {
            using var client = restored.NewClient();
            Assert.Equal(report, await client.GetStringAsync(ReportPath));
        }

        // A database that holds a store already is never restored over.
        var (again, againSaid) = await RunAsync(backup, null, "backup", "restore", file, "--into", fresh);
        Assert.Equal(BackupCommand.Failed, again);
        Assert.Contains("is not empty", againSaid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_the_backups_newest_first_and_a_missing_file_is_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("pos-backups-").FullName;
        var backup = new BackupSettings { Folder = folder, Keep = 7, Cron = null };
        var (empty, emptySaid) = await RunAsync(backup, null, "backup", "list");
        Assert.Equal(0, empty);
        Assert.Contains("no backups", emptySaid, StringComparison.Ordinal);

        var (missing, missingSaid) = await RunAsync(backup, null, "backup", "restore", "pos-20261125T083000.000Z.dump", "--into", "Host=/nowhere;Database=x");
        Assert.Equal(BackupCommand.Failed, missing);
        Assert.Contains("no backup at", missingSaid, StringComparison.Ordinal);

        var (bad, _) = await RunAsync(backup, null, "backup", "restore", "x.dump");
        Assert.Equal(2, bad);
    }

    /// <summary>Every journal row, every column, in order, as PostgreSQL writes them as JSON.</summary>
    private static async Task<string> JournalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select json_agg(j order by seq)::text from journal j", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(int Code, string Said)> RunAsync(BackupSettings backup, string? database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BackupCommand.RunAsync(args, backup, database, Path.GetTempPath(), output, error, CancellationToken.None);
        return (code, output.ToString() + error);
    }
}
