namespace Pos.Grains.Printing;

/// <summary>
/// When a printer's queued tickets move to its backup: it has a backup that is configured, and it has been down
/// for its <see cref="PrinterConfig.FailoverAfterSeconds"/>. Decided on times passed in; which jobs may move is
/// <see cref="PrintQueue.Movable"/>.
/// </summary>
public static class PrinterFailover
{
    /// <summary>The backup to move the queue to now, or null when the printer is up, within its window, or has none.</summary>
    public static PrinterConfig? BackupIfDue(PrinterConfig printer, DateTimeOffset? downSince, DateTimeOffset now, PrinterSet? printers) =>
        downSince is { } since && now - since >= TimeSpan.FromSeconds(printer.FailoverAfterSeconds)
        && printer.BackupPrinterId is { } backupId && printers?.Find(backupId) is { } backup
            ? backup
            : null;

    /// <summary>Why a job moved, as the journal keeps it.</summary>
    public static string Reason(PrinterConfig printer, DateTimeOffset downSince, string? lastError) =>
        $"{printer.Name} down since {downSince:HH:mm:ss}: {lastError}";
}
