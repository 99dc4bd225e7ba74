using Hangfire;

namespace Pos.Appliance.Backups;

/// <summary>
/// The nightly backup as a Hangfire recurring job (<see cref="RecurringId"/>, on the "backup" queue only the backup
/// server takes): one pg_dump into the data folder, the oldest beyond POS_BACKUP_KEEP deleted. A failure is retried
/// three times, then shows failed on the dashboard until the next night.
/// </summary>
public sealed class BackupJob(DatabaseBackups backups)
{
    public const string RecurringId = "backup";
    public const string Queue = "backup";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task RunAsync(CancellationToken cancellationToken) => await backups.TakeAsync(cancellationToken);
}
