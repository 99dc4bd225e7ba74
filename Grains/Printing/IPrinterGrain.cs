using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Printing;

/// <summary>
/// One printer, keyed by its printerId: its configuration, its queue of jobs (rebuilt from the journal, so it
/// survives a restart) and the loop that sends them, in order, one confirmed ticket after another.
/// </summary>
public interface IPrinterGrain : IGrainWithStringKey
{
    /// <summary>Takes a new configuration (and starts the printer if it was idle).</summary>
    Task Configure(PrinterConfig printer);

    /// <summary>A job was just committed for this printer at <paramref name="seq"/>: queue it and send it.</summary>
    [Orleans.Concurrency.OneWay]
    Task Accept(PrintJobQueued queued, long seq, DateTimeOffset queuedAt);

    /// <summary>A job was moved here by a failover: read it from the journal and send it.</summary>
    [Orleans.Concurrency.OneWay]
    Task Adopt(Guid jobId);

    [Orleans.Concurrency.ReadOnly]
    Task<PrinterView?> Get();

    /// <summary>The jobs waiting for this printer, queued or sent with an unknown outcome: what a removal must move.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Guid>> Unfinished();

    /// <summary>
    /// The printer was removed (<paramref name="removed"/> was its configuration): its connection closes at once, and its
    /// unfinished jobs, and any that reach it later, move to its backup or another printer of its station, else are
    /// recorded failed. Returns once what it holds has moved (or the journal refused for now: the moves go on).
    /// <paramref name="by"/> is who removed it, recorded on the moves; null after a restart.
    /// </summary>
    Task Remove(PrinterConfig removed, CommandContext? by);

    /// <summary>The jobs queued for or moved to this printer, newest first: every unfinished one and the recent ones.</summary>
    Task<IReadOnlyList<PrintJobView>> Jobs(PrintJobStatus? status, int limit);

    /// <summary>A person asked for another copy: a new job, marked REPRINT.</summary>
    Task<PrintJobResult> Reprint(Guid jobId, CommandContext context);
}

/// <summary>
/// A printer as people see it: its configuration and how it is doing. Status is null until the printer was
/// first reached; LastError is the latest reason a ticket could not go out, cleared once the printer answers well again.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.printer-view")]
public sealed record PrinterView(
    [property: Id(0)] PrinterConfig Config,
    [property: Id(1)] PrinterStatus? Status,
    [property: Id(2)] int QueueDepth,
    [property: Id(3)] string? LastError,
    [property: Id(4)] DateTimeOffset? LastErrorAt,
    [property: Id(5)] DateTimeOffset? LastPrintedAt,
    [property: Id(6)] DateTimeOffset? DownSince);

/// <summary>A new job, or why none was made.</summary>
[GenerateSerializer, Immutable, Alias("pos.print-job-result")]
public sealed record PrintJobResult([property: Id(0)] PrintJobView? Job, [property: Id(1)] CommandError? Error);
