using Pos.Contracts.Journal;
using Pos.Contracts.Printing;
using Pos.Grains.Printing.Documents;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing;

/// <summary>
/// A print job as the API shows it. PrinterId is the printer it belongs to now (its backup after a failover),
/// QueuedFor the one it was first queued for; Attempts counts the times it was sent; Reprint is true when it
/// prints (or printed) with a REPRINT banner; PrintedBy is the printer that printed it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.print-job-view")]
public sealed record PrintJobView(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] Guid? OrderId,
    [property: Id(2)] int OrderNumber,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Station,
    [property: Id(5)] string PrinterId,
    [property: Id(6)] string QueuedFor,
    [property: Id(7)] PrintJobStatus Status,
    [property: Id(8)] int Attempts,
    [property: Id(9)] bool Reprint,
    [property: Id(10)] Guid? ReprintOf,
    [property: Id(11)] string? PrintedBy,
    [property: Id(12)] DateTimeOffset QueuedAt,
    [property: Id(13)] DateTimeOffset? PrintedAt);

/// <summary>One print job rebuilt from its journal stream.</summary>
public sealed class PrintJob
{
    private PrintJob(PrintJobQueued queued, long seq, DateTimeOffset at)
    {
        Queued = queued;
        PrinterId = queued.PrinterId;
        QueuedAt = at;
        FirstSeq = seq;
        ArrivedSeq = seq;
    }

    public PrintJobQueued Queued { get; }

    /// <summary>The id the printer confirms the job by (its ticket's, else the job's).</summary>
    public string PrintId => Queued.Ticket?.JobId ?? JobId.ToString();
    public Guid JobId => Queued.JobId;
    public string StreamId => PrintingEvents.StreamOf(JobId);
    public int Version { get; private set; } = 1;

    /// <summary>The printer the job belongs to now.</summary>
    public string PrinterId { get; private set; }

    /// <summary>The seq of its PrintJobQueued event.</summary>
    public long FirstSeq { get; }

    /// <summary>The seq at which the job reached its current printer: the order it prints in there.</summary>
    public long ArrivedSeq { get; private set; }

    public int Attempts { get; private set; }
    public bool IsPrinted { get; private set; }

    /// <summary>Its printer was removed and no printer could take it: it waits for nothing (a person may reprint it).</summary>
    public bool IsFailed { get; private set; }

    /// <summary>Printed or failed: it leaves every queue.</summary>
    public bool IsDone => IsPrinted || IsFailed;
    public string? PrintedBy { get; private set; }
    public DateTimeOffset QueuedAt { get; }
    public DateTimeOffset? PrintedAt { get; private set; }

    /// <summary>Name of the printer it was meant for, once it failed over.</summary>
    public string? MeantFor { get; private set; }

    public bool FailedOver => MeantFor is not null;

    /// <summary>Any copy that may already be on paper means the next one says REPRINT.</summary>
    public bool PrintsAsReprint => (Queued.Ticket?.IsReprint ?? Queued.ReprintOf is not null) || Attempts > 0;

    /// <summary>Whether a failover may move it to the backup printer (a drawer kick stays with its drawer's printer).</summary>
    public bool MayMove => Queued.Document is not { StaysOnItsPrinter: true };

    public PrintJobStatus Status =>
        IsPrinted ? PrintJobStatus.Printed : IsFailed ? PrintJobStatus.Failed : Attempts > 0 ? PrintJobStatus.Printing : PrintJobStatus.Queued;

    /// <summary>Rebuilds jobs from the events of their streams, in seq order.</summary>
    public static IReadOnlyList<PrintJob> FromJournal(IEnumerable<JournalEntry> entries)
    {
        var jobs = new Dictionary<string, PrintJob>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var e = PrintingEvents.FromJournal(entry.Type, entry.Data);
            if (e is PrintJobQueued queued)
            {
                jobs[entry.StreamId] = new PrintJob(queued, entry.Seq, entry.OccurredAt);
            }
            else if (jobs.TryGetValue(entry.StreamId, out var job))
            {
                job.Apply(e, entry.Seq, entry.OccurredAt);
            }
        }
        return [.. jobs.Values];
    }

    /// <summary>A job just queued, before it was read back from the journal.</summary>
    public static PrintJob Queue(PrintJobQueued queued, long seq, DateTimeOffset at) => new(queued, seq, at);

    public void Apply(PrintingEvent e, long seq, DateTimeOffset at)
    {
        Version++;
        switch (e)
        {
            case PrintJobSending sending:
                Attempts = Math.Max(Attempts, sending.Attempt);
                break;
            case PrintJobPrinted printed:
                IsPrinted = true;
                PrintedBy = printed.PrinterId;
                PrintedAt = at;
                break;
            case PrintJobFailedOver moved:
                PrinterId = moved.PrinterId;
                MeantFor = moved.FromPrinterName;
                ArrivedSeq = seq;
                break;
            case PrintJobFailed:
                IsFailed = true;
                break;
        }
    }

    /// <summary>The ticket as it prints now: with REPRINT if a copy may be out, with FOR if it failed over.</summary>
    public KitchenTicket TicketToPrint() => Queued.Ticket is { } ticket
        ? ticket with { IsReprint = PrintsAsReprint, MeantFor = MeantFor ?? ticket.MeantFor }
        : throw new InvalidOperationException($"Job {JobId} prints a {Queued.Document?.Kind} document, not a ticket.");

    /// <summary>The job's bytes as it prints now on <paramref name="config"/>: its ticket, or its document.</summary>
    public byte[] Render(PrinterConfig config, bool requestProcessId) => Queued.Ticket is not null
        ? TicketRenderer.Render(TicketToPrint(), config.Columns, config.CodePage, requestProcessId)
        : DocumentRenderer.Render(Queued.Document!, JobId, PrintsAsReprint, config.Columns, config.CodePage, requestProcessId);

    public PrintJobView ToView() => new(
        JobId, Queued.OrderId, Queued.Ticket?.OrderNumber ?? 0, Queued.Reason, Queued.Ticket?.Station ?? "", PrinterId, Queued.PrinterId,
        Status, Attempts, PrintsAsReprint, Queued.ReprintOf, PrintedBy, QueuedAt, PrintedAt);
}
