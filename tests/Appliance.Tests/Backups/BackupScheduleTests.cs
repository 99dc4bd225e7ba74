using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Backups;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Backups;

/// <summary>The nightly job in Hangfire, and the rotation that keeps the newest POS_BACKUP_KEEP.</summary>
public sealed class BackupScheduleTests
{
    [Fact]
    public async Task The_nightly_backup_is_a_recurring_hangfire_job_in_the_store_zone_and_takes_a_backup_when_it_runs()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string>
        {
            ["POS_BACKUP_CRON"] = "30 3 * * *",
            ["POS_BACKUP_KEEP"] = "3",
        });
        using (var connection = appliance.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == BackupJob.RecurringId);
            Assert.Equal("30 3 * * *", job.Cron);
            Assert.Equal("America/New_York", job.TimeZoneId);
        }
        Assert.Equal(3, appliance.Services.GetRequiredService<BackupSettings>().Keep);

        // Run now rather than at 03:30: the same job, through the backup queue and the one server that takes it (this
        // appliance has no cloud link, so no sync server either: a job on any other queue would never run).
        appliance.Services.GetRequiredService<IRecurringJobManager>().Trigger(BackupJob.RecurringId);
        var folder = Path.Combine(appliance.DataDir, "backups");
        // While pg_dump writes, only a hidden .partial file is there; the backup's name appears when it is whole.
        var files = await Poll.UntilAsync(
            () => Task.FromResult(Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => BackupFiles.IsBackup(n!)).ToList() : []),
            f => f.Count == 1, TimeSpan.FromSeconds(60), "the backup job's file");
        Assert.True(new FileInfo(Path.Combine(folder, files[0]!)).Length > 0);
    }

    [Fact]
    public async Task Only_the_newest_backups_are_kept_and_a_half_written_one_is_never_taken_for_a_backup()
    {
        var folder = Directory.CreateTempSubdirectory("pos-backups-").FullName;
        var start = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var backups = new DatabaseBackups(
            new BackupSettings { Folder = folder, Keep = 2, Cron = null }, await TestPostgres.CreateDatabaseAsync("rotate"), time, NullLogger.Instance);
        // What a backup killed midway left, and a file of the operator's.
        var partial = BackupFiles.PartialNameFor(BackupFiles.NameFor(start.AddDays(-1)));
        await File.WriteAllTextAsync(Path.Combine(folder, partial), "half a dump");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "the operator's");
        Assert.Empty(backups.List());

        var taken = new List<BackupFile>();
        for (var night = 0; night < 4; night++)
        {
            taken.Add(await backups.TakeAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([taken[3].Path, taken[2].Path], backups.List().Select(b => b.Path));
        Assert.Equal(start.AddDays(3), backups.List()[0].TakenAt);
        Assert.Equal(
            new[] { "notes.txt", Path.GetFileName(taken[2].Path), Path.GetFileName(taken[3].Path) },
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rotation_deletes_the_oldest_beyond_keep_and_names_nothing_else()
    {
        var names = new[] { "pos-20261121T083000.000Z.dump", "pos-20261123T083000.000Z.dump", "pos-20261122T083000.000Z.dump", "notes.txt", ".pos-20261124T083000.000Z.dump.partial" };
        Assert.Equal(["pos-20261121T083000.000Z.dump"], BackupFiles.ToDelete(names, 2));
        Assert.Empty(BackupFiles.ToDelete(names, 7));
        Assert.Equal("pos-20261125T083000.123Z.dump", BackupFiles.NameFor(new DateTimeOffset(2026, 11, 25, 3, 30, 0, 123, TimeSpan.FromHours(-5))));
        Assert.False(BackupFiles.IsBackup(".pos-20261124T083000.000Z.dump.partial"));
    }
}
