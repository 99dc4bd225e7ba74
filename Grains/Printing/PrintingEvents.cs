using Pos.Contracts.Journal;
using Pos.Contracts.Printing;
using Pos.Grains.Printing.Documents;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing;

/// <summary>A change to the printers or to one print job, as stored in the journal.</summary>
[GenerateSerializer, Alias("pos.printing-event")]
public abstract record PrintingEvent;

/// <summary>A printer was added or changed (stream <see cref="PrintingEvents.PrintersStream"/>).</summary>
public sealed record PrinterConfigured(PrinterConfig Printer) : PrintingEvent;

/// <summary>
/// A job waits for a printer. Written in the same transaction as the change it comes from. It prints a kitchen
/// <see cref="Ticket"/> (Reason fire, void, or reprint), or else a <see cref="Document"/>: a drawer kick (Reason
/// drawer-kick: a cash payment or a no-sale) or a page of text (Reason z-report).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.print-job-queued")]
public sealed record PrintJobQueued(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string PrinterId,
    [property: Id(2)] Guid? OrderId,
    [property: Id(3)] KitchenTicket? Ticket,
    [property: Id(4)] Guid? ReprintOf,
    [property: Id(5)] string Reason,
    [property: Id(6)] PrintDocument? Document = null) : PrintingEvent
{
    public const string DrawerKickReason = "drawer-kick";

    /// <summary>A job that prints a document rather than a ticket.</summary>
    public static PrintJobQueued Of(PrintDocument document, string printerId, string reason, Guid? orderId = null)
    {
        var jobId = Guid.CreateVersion7();
        return new PrintJobQueued(jobId, printerId, orderId, null, null, reason, document);
    }
}

/// <summary>Written before the first byte of an attempt goes out: from here on the outcome can be unknown.</summary>
public sealed record PrintJobSending(Guid JobId, string PrinterId, int Attempt, bool Reprint) : PrintingEvent;

/// <summary>The printer confirmed the ticket.</summary>
public sealed record PrintJobPrinted(Guid JobId, string PrinterId, PrintConfirmation ConfirmedBy) : PrintingEvent;

/// <summary>The job's printer stayed down past its window; the job now belongs to <see cref="PrinterId"/>, its backup.</summary>
public sealed record PrintJobFailedOver(Guid JobId, string PrinterId, string FromPrinterId, string FromPrinterName, string Reason) : PrintingEvent;

/// <summary>
/// A printer was removed (stream <see cref="PrintingEvents.PrintersStream"/>): it takes no more tickets. Its unfinished
/// jobs move to <see cref="JobsMoveTo"/> (its backup, else another printer of its station), each with a
/// <see cref="PrintJobFailedOver"/>; with none, <see cref="Forced"/> says a manager removed it anyway, and they are
/// recorded failed (<see cref="PrintJobFailed"/>).
/// </summary>
public sealed record PrinterRemoved(string PrinterId, string Name, string Station, string? JobsMoveTo, int UnfinishedJobs, bool Forced) : PrintingEvent;

/// <summary>
/// The job will not print on its own: its printer was removed and no printer could take it. A person may print it
/// elsewhere with a reprint.
/// </summary>
public sealed record PrintJobFailed(Guid JobId, string PrinterId, string Reason) : PrintingEvent;

/// <summary>Stream names and JSON of the printing events.</summary>
public static class PrintingEvents
{
    /// <summary>The stream holding every printer's configuration.</summary>
    public const string PrintersStream = "printers";

    public const string JobStreamPrefix = "printjob-";

    private static readonly EventTypes<PrintingEvent> Types = new(
        "a printing", typeof(PrinterConfigured), typeof(PrintJobQueued), typeof(PrintJobSending), typeof(PrintJobPrinted), typeof(PrintJobFailedOver),
        typeof(PrinterRemoved), typeof(PrintJobFailed));

    public static string StreamOf(Guid jobId) => JobStreamPrefix + jobId.ToString("D");

    public static NewEvent ToNew(PrintingEvent e) => Types.ToNew(e);

    public static PrintingEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
