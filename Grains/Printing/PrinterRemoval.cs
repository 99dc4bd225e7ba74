using Pos.Contracts.Problems;

namespace Pos.Grains.Printing;

/// <summary>
/// What removing a printer may do, as pure rules: it is refused while another printer names it as backup; its
/// unfinished tickets go to its backup, else to another printer of its station; with neither, it is refused while it
/// holds tickets unless the manager forces it (the tickets are then recorded failed, never dropped in silence).
/// </summary>
public static class PrinterRemoval
{
    /// <summary>The printers whose backup <paramref name="printerId"/> is, by id.</summary>
    public static IReadOnlyList<string> BackupOf(string printerId, PrinterSet printers) =>
        [.. printers.Printers.Where(p => string.Equals(p.BackupPrinterId, printerId, StringComparison.Ordinal)).Select(p => p.PrinterId)];

    /// <summary>
    /// Where the tickets of <paramref name="removed"/> go: its backup while configured, else the first other printer of
    /// its station (by id); null when no printer can take them.
    /// </summary>
    public static PrinterConfig? DestinationFor(PrinterConfig removed, PrinterSet? printers)
    {
        if (printers is null)
        {
            return null;
        }
        if (removed.BackupPrinterId is { } backupId && printers.Find(backupId) is { } backup && backup.PrinterId != removed.PrinterId)
        {
            return backup;
        }
        return printers.ForStation(removed.Station).FirstOrDefault(p => p.PrinterId != removed.PrinterId);
    }

    /// <summary>Why the removal is refused, or null when it may go ahead.</summary>
    public static CommandError? Refusal(PrinterConfig printer, PrinterSet printers, int unfinishedJobs, bool force)
    {
        var backupOf = BackupOf(printer.PrinterId, printers);
        if (backupOf.Count > 0)
        {
            var names = string.Join(", ", backupOf);
            return new CommandError(ErrorCodes.PrinterIsBackup,
                $"Printer '{printer.PrinterId}' is the backup of {names}: change their backupPrinterId first (PUT /api/v1/printers/{backupOf[0]}), then remove it.");
        }
        if (unfinishedJobs > 0 && !force && DestinationFor(printer, printers) is null)
        {
            return new CommandError(ErrorCodes.PrinterHasJobs,
                $"Printer '{printer.PrinterId}' holds {unfinishedJobs} unprinted ticket(s) and no printer can take them (it has no backup and is the only " +
                $"printer of station {printer.Station}). Add a printer for station {printer.Station} (or give this one a backup) and remove it again: its " +
                "tickets move there. To change its address, PUT it instead. ?force=true removes it anyway and records its tickets failed; each can then " +
                "be printed on another printer with POST /api/v1/printers/{other}/jobs/{jobId}/reprint.");
        }
        return null;
    }

    /// <summary>Why a job moved, as the journal keeps it.</summary>
    public static string Reason(PrinterConfig removed) => $"{removed.Name} ({removed.PrinterId}) was removed";
}
