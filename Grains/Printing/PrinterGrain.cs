using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Polly;
using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Printing.Documents;

namespace Pos.Grains.Printing;

/// <summary>
/// Drives one printer: the shell around its pure cores (<see cref="PrintQueue"/>, <see cref="PrinterHealth"/>,
/// <see cref="PrinterFailover"/>, <see cref="PrinterRetry"/>) and its link (<see cref="IPrinterLinkFactory"/>). Its
/// jobs come from the journal (on activation) and from <see cref="Accept"/> (after the commit that queued them); a
/// single loop sends them in order: status check, PrintJobSending, the ticket, the printer's confirmation,
/// PrintJobPrinted. A job found sent but unconfirmed prints again marked REPRINT. The grain is reentrant so people
/// can read its status while the loop waits on the network; all state is touched only on the grain's own scheduler.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class PrinterGrain(
    IJournal journal,
    StoreClock clock,
    PrinterCatalog catalog,
    PrintingOptions options,
    JournalAvailability journalAvailability,
    IPrinterLinkFactory links,
    PrinterRetry retry,
    ILogger<PrinterGrain> logger) : Grain, IPrinterGrain
{
    private readonly PrinterHealth _health = new();
    private readonly CancellationTokenSource _stop = new();
    private PrintQueue? _queue;
    private TaskCompletionSource _work = NewSignal();
    private CancellationTokenSource _reconfigured = new();
    private PrinterConfig? _config;
    private DateTimeOffset _nextProbeAt;
    private bool _mayBeStale;
    private Task _loop = Task.CompletedTask;

    private string PrinterId => this.GetPrimaryKeyString();

    private PrintQueue Queue => _queue ??= new PrintQueue(PrinterId, options.RecentJobs);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _config = catalog.Current?.Find(PrinterId);
        var entries = await journal.ReadPrintJobsAsync(PrinterId, options.RecentJobs, cancellationToken);
        _queue = PrintQueue.Recover(PrinterId, options.RecentJobs, entries);
        PrintingTelemetry.QueueDepth.Add(_queue.Depth, Tag());
        if (_queue.Depth > 0)
        {
            LogResuming(logger, PrinterId, _queue.Depth, _queue.Unconfirmed);
        }
        _loop = RunAsync(_stop.Token);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: an unconfirmed ticket prints again, marked REPRINT, after the next start.
        }
        PrintingTelemetry.QueueDepth.Add(-Queue.Depth, Tag());
    }

    public async Task Configure(PrinterConfig printer)
    {
        Restored();
        if (_config != printer)
        {
            _config = printer;
            _nextProbeAt = default;
            // A wait for the next attempt ends at once: the new address or settings are tried now.
            await _reconfigured.CancelAsync();
        }
    }

    public Task Accept(PrintJobQueued queued, long seq, DateTimeOffset queuedAt)
    {
        if (queued.PrinterId == PrinterId && !Queue.Knows(queued.JobId))
        {
            Track(PrintJob.Queue(queued, seq, queuedAt));
            Arrived();
        }
        return Task.CompletedTask;
    }

    public async Task Adopt(Guid jobId)
    {
        if (Queue.Holds(jobId))
        {
            return;
        }
        var job = await LoadJobAsync(jobId);
        // Checked again: activation or another call may have brought the job in while the stream was read.
        if (job is null || job.PrinterId != PrinterId || Queue.Holds(jobId))
        {
            return;
        }
        Track(job);
        Arrived();
    }

    public Task<PrinterView?> Get() => Task.FromResult(_config is null ? null : _health.View(_config, Queue.Depth));

    public async Task<IReadOnlyList<PrintJobView>> Jobs(PrintJobStatus? status, int limit)
    {
        // A job that moved to the backup goes on there: read where it stands now.
        foreach (var moved in Queue.MovedAway())
        {
            if (await LoadJobAsync(moved.JobId) is { } now)
            {
                Queue.Track(now);
            }
        }
        return Queue.List(status, limit);
    }

    public async Task<PrintJobResult> Reprint(Guid jobId, CommandContext context)
    {
        var original = Queue.Find(jobId) ?? await LoadJobAsync(jobId);
        // A job recorded failed (its printer was removed, no printer could take it) may be printed on any printer.
        if (original is null || (original.PrinterId != PrinterId && original.Queued.PrinterId != PrinterId && !original.IsFailed))
        {
            return new PrintJobResult(null, new CommandError(ErrorCodes.PrintJobNotFound,
                $"Printer '{PrinterId}' has no job {jobId}; GET /api/v1/printers/{PrinterId}/jobs lists its jobs.", "jobId"));
        }
        if (original.Queued.Document is { Kind: PrintDocument.DrawerKick })
        {
            return new PrintJobResult(null, new CommandError(ErrorCodes.ValidationFailed,
                $"Job {jobId} kicked a cash drawer; a kick is never sent again. Open the drawer with POST /api/v1/drawers/{{drawerId}}/kick.", "jobId"));
        }
        var id = Guid.CreateVersion7();
        var queued = new PrintJobQueued(
            id, PrinterId, original.Queued.OrderId,
            original.Queued.Ticket is { } ticket ? ticket with { JobId = id.ToString(), IsReprint = true, MeantFor = null } : null,
            jobId, "reprint", original.Queued.Document);
        var now = clock.Now();
        var preview = PrintJob.Queue(queued, 0, now).ToView();
        var append = new StreamAppend(
            PrintingEvents.StreamOf(id), 0, [PrintingEvents.ToNew(queued)], now, context.DeviceId, BusinessDate: null,
            context.ResponseFor(preview, 1)).By(context);
        var result = await journal.AppendAsync(append);
        if (result.Refusal() is { } refused)
        {
            return new PrintJobResult(null, refused);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new PrintJobResult(null, new CommandError(ErrorCodes.VersionMismatch, "The reprint could not be recorded; send it again."));
        }
        var job = PrintJob.Queue(queued, result.FirstSeq, now);
        Track(job);
        Arrived();
        return new PrintJobResult(job.ToView(), null);
    }

    /// <summary>A job as its journal stream has it now, or null when there is no such job.</summary>
    private async Task<PrintJob?> LoadJobAsync(Guid jobId) =>
        PrintJob.FromJournal(await journal.ReadStreamAsync(PrintingEvents.StreamOf(jobId))).FirstOrDefault();

    private void Track(PrintJob job) => CountingDepth(() => Queue.Track(job));

    private void Finished(PrintJob job) => CountingDepth(() => Queue.Finished(job));

    private void CountingDepth(Action change)
    {
        var before = Queue.Depth;
        change();
        if (Queue.Depth != before)
        {
            PrintingTelemetry.QueueDepth.Add(Queue.Depth - before, Tag());
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            if (_work.Task.IsCompleted)
            {
                _work = NewSignal();
            }
            if (_reconfigured.IsCancellationRequested)
            {
                _reconfigured.Dispose();
                _reconfigured = new CancellationTokenSource();
            }
            var journalSeen = journalAvailability.Generation;
            try
            {
                await StepAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (_reconfigured.IsCancellationRequested || _closing.IsCancellationRequested)
            {
                // A new configuration ended the wait for the next attempt: start over with it at once.
            }
            catch (JournalUnavailableException e)
            {
                // The journal could not take an event: nothing is lost (the job is still in it). Try again as soon as
                // the journal is back (within seconds of the database's return), not after the printer's backoff.
                Problem("journal", $"cannot record print progress: {e.Message}");
                await WaitForJournalAsync(journalSeen, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Not an outage of the printer or the journal: a bug. Logged with its stack and counted; the queue is
                // read again and the loop goes on after the longest backoff, so the other tickets still print and it
                // cannot spin.
                LogUnexpected(logger, e, PrinterId);
                PrintingTelemetry.UnexpectedErrors.Add(1, Tag(), new KeyValuePair<string, object?>("exception.type", e.GetType().FullName));
                Problem("unexpected", $"an unexpected error: {e.Message}");
                _mayBeStale = true;
                await WaitAsync(options.RetryMax, wakeOnWork: false, stop);
            }
        }
    }

    private async Task StepAsync(CancellationToken stop)
    {
        await FinishArrivalFailoverAsync();
        if (_mayBeStale)
        {
            await RefreshQueueAsync();
        }
        if (_removedConfig is { } removed)
        {
            await ForwardAsync(removed);
            if (!_mayBeStale)
            {
                await WaitAsync(null, wakeOnWork: true, stop);
            }
            return;
        }
        if (_config is not { } config)
        {
            await WaitAsync(null, wakeOnWork: false, stop);
            return;
        }
        var now = clock.Time.GetUtcNow();
        if (!Queue.HasWork && now < _nextProbeAt)
        {
            await WaitAsync(_nextProbeAt - now, wakeOnWork: true, stop);
            return;
        }
        // One attempt now and, while the printer is down, more after Polly's backoff. A new configuration ends the
        // wait between attempts; an attempt itself runs to its end (a ticket half sent would print again as REPRINT).
        using var attempts = CancellationTokenSource.CreateLinkedTokenSource(stop, _reconfigured.Token);
        // A removal closes the connection at once, even mid-ticket (that ticket prints elsewhere marked REPRINT).
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop, _closing.Token);
        var context = ResilienceContextPool.Shared.Get(PrinterId, continueOnCapturedContext: true, attempts.Token);
        PrinterAttempt outcome;
        try
        {
            outcome = await retry.Pipeline.ExecuteAsync(
                static (_, state) => state.Grain.AttemptAsync(state.Config, state.Stop), context, (Grain: this, Config: config, Stop: session.Token));
        }
        finally
        {
            _betweenAttempts = false;
            ResilienceContextPool.Shared.Return(context);
        }
        if (outcome == PrinterAttempt.Done)
        {
            _health.Up();
            _nextProbeAt = clock.Time.GetUtcNow() + options.ProbeEvery;
        }
    }

    private void Problem(string kind, string message, bool outcomeUnknown = false)
    {
        _health.Failed(message, clock.Now());
        PrintingTelemetry.Failures.Add(1, Tag(), new KeyValuePair<string, object?>("reason", kind));
        if (outcomeUnknown)
        {
            LogOutcomeUnknown(logger, PrinterId, message);
        }
        else
        {
            LogFailed(logger, PrinterId, message);
        }
    }

    private async Task WaitAsync(TimeSpan? delay, bool wakeOnWork, CancellationToken stop)
    {
        // Ends on the delay, on new work if asked, on a new configuration, or on stop.
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop, _reconfigured.Token);
        var waits = new List<Task>(3) { Task.Delay(Timeout.InfiniteTimeSpan, timer.Token) };
        if (wakeOnWork)
        {
            waits.Add(_work.Task);
        }
        if (delay is { } d)
        {
            waits.Add(Task.Delay(d > TimeSpan.Zero ? d : TimeSpan.Zero, clock.Time, timer.Token));
        }
        await Task.WhenAny(waits);
        await timer.CancelAsync();
        stop.ThrowIfCancellationRequested();
    }

    private async Task WaitForJournalAsync(long seen, CancellationToken stop)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, _reconfigured.Token);
        try
        {
            await journalAvailability.WhenReturnedAsync(seen, wait.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // A new configuration: the loop tries at once.
        }
        stop.ThrowIfCancellationRequested();
    }

    private KeyValuePair<string, object?> Tag() => new("printer", PrinterId);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
