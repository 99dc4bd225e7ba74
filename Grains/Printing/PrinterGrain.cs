using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Printing.EscPos;
using Pos.Grains.Printing.Tickets;
using Pos.Grains.Printing.Transport;

namespace Pos.Grains.Printing;

/// <summary>
/// Drives one printer. Its jobs come from the journal (on activation) and from <see cref="Accept"/> (after the
/// commit that queued them); a single loop sends them in order: status check, PrintJobSending, the ticket, the
/// printer's confirmation, PrintJobPrinted. A job found sent but unconfirmed prints again marked REPRINT.
/// The grain is reentrant so people can read its status while the loop waits on the network; all state is
/// touched only on the grain's own scheduler.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class PrinterGrain(
    IJournal journal,
    StoreClock clock,
    PrinterCatalog catalog,
    PrintingOptions options,
    JournalAvailability journalAvailability,
    ILogger<PrinterGrain> logger) : Grain, IPrinterGrain
{
    private readonly Dictionary<Guid, PrintJob> _jobs = [];
    private readonly List<PrintJob> _queue = [];
    private readonly HashSet<Guid> _confirmedNotRecorded = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _work = NewSignal();
    private TaskCompletionSource _reconfigured = NewSignal();
    private PrinterConfig? _config;
    private PrinterStatus? _status;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastPrintedAt;
    private DateTimeOffset? _downSince;
    private DateTimeOffset _nextAttemptAt;
    private DateTimeOffset _nextProbeAt;
    private int _failures;
    private bool _mayBeStale;
    private Task _loop = Task.CompletedTask;

    // Tickets sent on one connection before waiting for their confirmations.
    private const int MaxBatch = 16;

    private string PrinterId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _config = catalog.Current?.Find(PrinterId);
        var entries = await journal.ReadPrintJobsAsync(PrinterId, options.RecentJobs, cancellationToken);
        foreach (var job in PrintJob.FromJournal(entries))
        {
            Track(job);
        }
        if (_queue.Count > 0)
        {
            LogResuming(logger, PrinterId, _queue.Count, _queue.Count(j => j.Attempts > 0));
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
        PrintingTelemetry.QueueDepth.Add(-_queue.Count, Tag());
    }

    public Task Configure(PrinterConfig printer)
    {
        if (_config != printer)
        {
            _config = printer;
            _failures = 0;
            _nextAttemptAt = default;
            _nextProbeAt = default;
            _reconfigured.TrySetResult();
        }
        return Task.CompletedTask;
    }

    public Task Accept(PrintJobQueued queued, long seq, DateTimeOffset queuedAt)
    {
        if (queued.PrinterId == PrinterId && !_jobs.ContainsKey(queued.JobId))
        {
            Track(PrintJob.Queue(queued, seq, queuedAt));
            _work.TrySetResult();
        }
        return Task.CompletedTask;
    }

    public async Task Adopt(Guid jobId)
    {
        if (IsMine(jobId))
        {
            return;
        }
        var job = await LoadJobAsync(jobId);
        // Checked again: activation or another call may have brought the job in while the stream was read.
        if (job is null || job.PrinterId != PrinterId || IsMine(jobId))
        {
            return;
        }
        Track(job);
        _work.TrySetResult();
    }

    public Task<PrinterView?> Get() => Task.FromResult(_config is null
        ? null
        : new PrinterView(_config, _status, _queue.Count, _lastError, _lastErrorAt, _lastPrintedAt, _downSince));

    public async Task<IReadOnlyList<PrintJobView>> Jobs(PrintJobStatus? status, int limit)
    {
        // A job that moved to the backup goes on there: read where it stands now.
        foreach (var moved in _jobs.Values.Where(j => j.PrinterId != PrinterId && !j.IsPrinted).ToList())
        {
            if (await LoadJobAsync(moved.JobId) is { } now)
            {
                _jobs[now.JobId] = now;
            }
        }
        return [.. _jobs.Values
            .Where(j => status is null || j.Status == status)
            .OrderByDescending(j => j.FirstSeq)
            .Take(limit)
            .Select(j => j.ToView())];
    }

    public async Task<PrintJobResult> Reprint(Guid jobId, CommandContext context)
    {
        var original = _jobs.GetValueOrDefault(jobId) ?? await LoadJobAsync(jobId);
        if (original is null || (original.PrinterId != PrinterId && original.Queued.PrinterId != PrinterId))
        {
            return new PrintJobResult(null, new CommandError(ErrorCodes.PrintJobNotFound,
                $"Printer '{PrinterId}' has no job {jobId}; GET /api/v1/printers/{PrinterId}/jobs lists its jobs.", "jobId"));
        }
        var id = Guid.CreateVersion7();
        var queued = new PrintJobQueued(
            id, PrinterId, original.Queued.OrderId,
            original.Queued.Ticket with { JobId = id.ToString(), IsReprint = true, MeantFor = null },
            jobId, "reprint");
        var now = clock.Now();
        var preview = PrintJob.Queue(queued, 0, now).ToView();
        var append = new StreamAppend(
            PrintingEvents.StreamOf(id), 0, [PrintingEvents.ToNew(queued)], now, context.DeviceId, BusinessDate: null,
            context.ResponseFor(preview, 1));
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
        _work.TrySetResult();
        return new PrintJobResult(job.ToView(), null);
    }

    /// <summary>A job as its journal stream has it now, or null when there is no such job.</summary>
    private async Task<PrintJob?> LoadJobAsync(Guid jobId) =>
        PrintJob.FromJournal(await journal.ReadStreamAsync(PrintingEvents.StreamOf(jobId))).FirstOrDefault();

    private bool IsMine(Guid jobId) => _jobs.TryGetValue(jobId, out var known) && known.PrinterId == PrinterId;

    private void Track(PrintJob job)
    {
        _jobs[job.JobId] = job;
        var depth = -_queue.RemoveAll(j => j.JobId == job.JobId);
        if (job.PrinterId == PrinterId && !job.IsPrinted)
        {
            var at = _queue.FindIndex(j => j.ArrivedSeq > job.ArrivedSeq);
            _queue.Insert(at < 0 ? _queue.Count : at, job);
            depth++;
        }
        PrintingTelemetry.QueueDepth.Add(depth, Tag());
    }

    private void Untrack(PrintJob job)
    {
        if (_queue.Remove(job))
        {
            PrintingTelemetry.QueueDepth.Add(-1, Tag());
        }
        // Keep the recent history bounded: unfinished jobs always stay.
        if (_jobs.Count > options.RecentJobs * 2)
        {
            foreach (var old in _jobs.Values.Where(j => j.IsPrinted || j.PrinterId != PrinterId)
                         .OrderBy(j => j.FirstSeq).Take(_jobs.Count - options.RecentJobs).ToList())
            {
                _jobs.Remove(old.JobId);
            }
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
            if (_reconfigured.Task.IsCompleted)
            {
                _reconfigured = NewSignal();
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
            catch (JournalUnavailableException e)
            {
                // The journal could not take an event: nothing is lost (the job is still in it). Try again as soon as
                // the journal is back (within seconds of the database's return), not after the printer's backoff.
                Failed("journal", $"cannot record print progress: {e.Message}");
                await WaitForJournalAsync(journalSeen, stop);
            }
            catch (Exception e)
            {
                // Not an outage: a bug, or the journal moved under us (the queue is read again first). Logged with its
                // stack, counted, and tried again after the longest printer backoff, so it cannot spin.
                LogUnexpected(logger, e, PrinterId);
                Failed("unexpected", $"an unexpected error: {e.Message}");
                _mayBeStale = true;
                await WaitAsync(options.RetryMax, wakeOnWork: false, stop);
            }
        }
    }

    private async Task StepAsync(CancellationToken stop)
    {
        if (_mayBeStale)
        {
            await RefreshQueueAsync();
        }
        var now = clock.Time.GetUtcNow();
        if (_config is not { } config)
        {
            await WaitAsync(null, wakeOnWork: false, stop);
            return;
        }
        if (_failures > 0 && now < _nextAttemptAt)
        {
            // Down: a job that arrives now may fail over at once; otherwise wait for the next attempt.
            if (!await FailOverIfDueAsync(config))
            {
                await WaitAsync(_nextAttemptAt - now, wakeOnWork: true, stop);
            }
            return;
        }
        if (_queue.Count == 0 && _confirmedNotRecorded.Count == 0 && now < _nextProbeAt)
        {
            await WaitAsync(_nextProbeAt - now, wakeOnWork: true, stop);
            return;
        }
        if (await SessionAsync(config, stop))
        {
            _failures = 0;
            _downSince = null;
            _lastError = null;
            _lastErrorAt = null;
            _nextProbeAt = clock.Time.GetUtcNow() + options.ProbeEvery;
            return;
        }
        _failures++;
        _downSince ??= now;
        _nextAttemptAt = clock.Time.GetUtcNow() + Backoff();
        await FailOverIfDueAsync(config);
    }

    // One connection: status, then every queued job in order while the printer keeps confirming.
    // Returns false when the printer could not be reached, reported a problem, or the link broke.
    private async Task<bool> SessionAsync(PrinterConfig config, CancellationToken stop)
    {
        await RecordConfirmedAsync();
        PrinterConnection link;
        try
        {
            link = await PrinterConnection.OpenAsync(config.Host, config.Port, options.Timeouts, stop);
        }
        catch (PrinterLinkException e)
        {
            _status = PrinterStatus.Offline;
            Failed("unreachable", e.Message);
            return false;
        }
        await using (link)
        {
            while (true)
            {
                PrinterStatus status;
                try
                {
                    status = await link.ReadStatusAsync(stop);
                }
                catch (PrinterLinkException e)
                {
                    _status = PrinterStatus.Offline;
                    Failed("link", e.Message);
                    return false;
                }
                _status = status;
                if (status != PrinterStatus.Online)
                {
                    Failed("status", $"{config.Name} reports {Describe(status)}; {_queue.Count} ticket(s) waiting");
                    return false;
                }
                if (_queue.Count == 0)
                {
                    return true;
                }
                if (!await PrintBatchAsync(link, config, stop))
                {
                    return false;
                }
            }
        }
    }

    // The head of the queue, sent back to back on one connection: one group commit records them all as sending,
    // the printer confirms them in order, one group commit records them all as printed.
    private async Task<bool> PrintBatchAsync(PrinterConnection link, PrinterConfig config, CancellationToken stop)
    {
        var batch = _queue.Take(MaxBatch).ToList();
        var tickets = batch.Select(j => j.TicketToPrint()).ToList();
        // From these events on, a copy may be on paper: any later attempt says REPRINT.
        await Task.WhenAll(batch.Select((job, i) =>
            AppendAsync(job, new PrintJobSending(job.JobId, PrinterId, job.Attempts + 1, tickets[i].IsReprint))));
        var confirmsById = config.Confirm == PrintConfirmation.ProcessId;
        var current = 0;
        try
        {
            foreach (var ticket in tickets)
            {
                await link.SendAsync(TicketRenderer.Render(ticket, config.Columns, config.CodePage, requestProcessId: confirmsById), stop);
            }
            for (; current < batch.Count; current++)
            {
                if (confirmsById)
                {
                    await link.WaitForProcessIdAsync(ProcessId.ForJob(tickets[current].JobId), stop);
                }
                _confirmedNotRecorded.Add(batch[current].JobId);
            }
        }
        catch (PrinterLinkException e)
        {
            var ticket = tickets[current];
            Failed("link", $"ticket #{ticket.OrderNumber} (job {ticket.JobId}) and {batch.Count - current - 1} after it may be incomplete: {e.Message}; they print again marked REPRINT", outcomeUnknown: true);
            await RecordConfirmedAsync();
            return false;
        }
        await RecordConfirmedAsync();
        return true;
    }

    // A confirmed ticket is never sent again, even if recording it has to wait for the journal.
    private async Task RecordConfirmedAsync()
    {
        var confirmed = _confirmedNotRecorded.Select(id => _jobs[id]).ToList();
        if (confirmed.Count == 0)
        {
            return;
        }
        var confirm = _config?.Confirm ?? PrintConfirmation.ProcessId;
        try
        {
            await Task.WhenAll(confirmed.Where(j => !j.IsPrinted).Select(job => AppendAsync(job, new PrintJobPrinted(job.JobId, PrinterId, confirm))));
        }
        finally
        {
            foreach (var job in confirmed.Where(j => j.IsPrinted))
            {
                _confirmedNotRecorded.Remove(job.JobId);
                Untrack(job);
                _lastPrintedAt = job.PrintedAt;
                PrintingTelemetry.Printed.Add(1, Tag());
                PrintingTelemetry.PrintLatency.Record((job.PrintedAt!.Value - job.QueuedAt).TotalMilliseconds, Tag());
            }
        }
    }

    private async Task<bool> FailOverIfDueAsync(PrinterConfig config)
    {
        var now = clock.Time.GetUtcNow();
        if (_downSince is not { } since || now - since < TimeSpan.FromSeconds(config.FailoverAfterSeconds)
            || config.BackupPrinterId is not { } backupId || catalog.Current?.Find(backupId) is not { } backup)
        {
            return false;
        }
        // A job moves at most once, so two printers that back each other up never pass tickets back and forth.
        var movable = _queue.Where(j => !j.FailedOver && !_confirmedNotRecorded.Contains(j.JobId)).ToList();
        foreach (var job in movable)
        {
            var reason = $"{config.Name} down since {since:HH:mm:ss}: {_lastError}";
            await AppendAsync(job, new PrintJobFailedOver(job.JobId, backup.PrinterId, PrinterId, config.Name, reason));
            Untrack(job);
            PrintingTelemetry.FailedOver.Add(1, Tag());
            LogFailedOver(logger, job.JobId, PrinterId, backup.PrinterId);
            await GrainFactory.GetGrain<IPrinterGrain>(backup.PrinterId).Adopt(job.JobId);
        }
        return movable.Count > 0;
    }

    private async Task AppendAsync(PrintJob job, PrintingEvent e)
    {
        var append = new StreamAppend(job.StreamId, job.Version, [PrintingEvents.ToNew(e)], clock.Now(), "appliance", BusinessDate: null);
        AppendResult result;
        try
        {
            result = await journal.AppendAsync(append);
        }
        catch
        {
            // The commit's outcome is unknown: read the jobs back before the next step.
            _mayBeStale = true;
            throw;
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            _mayBeStale = true;
            throw new InvalidOperationException($"Print job {job.JobId} is at version {result.StreamVersion}, not {job.Version}.");
        }
        job.Apply(e, result.FirstSeq, clock.Now());
    }

    // After an append whose outcome is unknown: each queued job as the journal has it (a Sending that did
    // commit makes the next copy a REPRINT, as it must).
    private async Task RefreshQueueAsync()
    {
        foreach (var queued in _queue.ToList())
        {
            if (await LoadJobAsync(queued.JobId) is { } current)
            {
                if (current.IsPrinted)
                {
                    _confirmedNotRecorded.Remove(current.JobId);
                }
                Track(current);
            }
        }
        _mayBeStale = false;
    }

    private void Failed(string kind, string message, bool outcomeUnknown = false)
    {
        _lastError = message;
        _lastErrorAt = clock.Now();
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
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var waits = new List<Task>(3) { _reconfigured.Task };
        if (wakeOnWork)
        {
            waits.Add(_work.Task);
        }
        if (delay is { } d)
        {
            waits.Add(Task.Delay(d > TimeSpan.Zero ? d : TimeSpan.Zero, clock.Time, timer.Token));
        }
        waits.Add(Task.Delay(Timeout.InfiniteTimeSpan, timer.Token));
        await Task.WhenAny(waits);
        await timer.CancelAsync();
        stop.ThrowIfCancellationRequested();
    }

    private async Task WaitForJournalAsync(long seen, CancellationToken stop)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await Task.WhenAny(_reconfigured.Task, journalAvailability.WhenReturnedAsync(seen, wait.Token));
        await wait.CancelAsync();
        stop.ThrowIfCancellationRequested();
    }

    private TimeSpan Backoff()
    {
        var factor = Math.Pow(2, Math.Clamp(_failures - 1, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(options.RetryMin.Ticks * factor, options.RetryMax.Ticks));
    }

    private KeyValuePair<string, object?> Tag() => new("printer", PrinterId);

    private static string Describe(PrinterStatus status) => status switch
    {
        PrinterStatus.PaperOut => "paper out",
        PrinterStatus.CoverOpen => "cover open",
        PrinterStatus.Offline => "offline",
        _ => "online",
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {Count} ticket(s) left from before, {Unknown} of them sent but unconfirmed (they print again marked REPRINT)")]
    private static partial void LogResuming(ILogger logger, string printerId, int count, int unknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: {Message}")]
    private static partial void LogFailed(ILogger logger, string printerId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: outcome unknown: {Message}")]
    private static partial void LogOutcomeUnknown(ILogger logger, string printerId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Printer {PrinterId}: unexpected error; trying again in a while")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string printerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Print job {JobId} failed over from {From} to {To}")]
    private static partial void LogFailedOver(ILogger logger, Guid jobId, string from, string to);
}
