using Microsoft.Extensions.Logging;
using Pos.Contracts.Printing;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Printing;

/// <summary>The printer grain's attempts: one session on the link, the batches it sends, and failover.</summary>
public sealed partial class PrinterGrain
{
    // Tickets sent on one connection before waiting for their confirmations.
    private const int MaxBatch = 16;

    // True while the loop waits for the next attempt on a printer that is down: a job arriving then may fail over
    // at once instead of waiting for that attempt.
    private bool _betweenAttempts;
    private Task<bool>? _arrivalFailover;

    // One attempt: anything a job's arrival moved, then a session; after a failure, the failover if it is due.
    private async ValueTask<PrinterAttempt> AttemptAsync(PrinterConfig config, CancellationToken stop)
    {
        _betweenAttempts = false;
        if (!await FinishArrivalFailoverAsync())
        {
            return PrinterAttempt.Stale;
        }
        var outcome = await SessionAsync(config, stop);
        if (outcome == PrinterAttempt.PrinterDown)
        {
            _health.Down(clock.Time.GetUtcNow());
            if (!await FailOverIfDueAsync(config))
            {
                return PrinterAttempt.Stale;
            }
            _betweenAttempts = true;
        }
        return outcome;
    }

    // A job came in: wake the loop; on a printer down past its window, move it to the backup now.
    private void Arrived()
    {
        _work.TrySetResult();
        if (_betweenAttempts && _arrivalFailover is null && _config is { } config
            && PrinterFailover.BackupIfDue(config, _health.DownSince, clock.Time.GetUtcNow(), catalog.Current) is not null)
        {
            _arrivalFailover = FailOverIfDueAsync(config);
        }
    }

    // The failover an arrival started, awaited before anything else touches the queue; its failure is the loop's.
    private async Task<bool> FinishArrivalFailoverAsync()
    {
        if (_arrivalFailover is not { } moving)
        {
            return true;
        }
        _arrivalFailover = null;
        return await moving;
    }

    // One connection: status, then every queued job in order while the printer keeps confirming.
    private async Task<PrinterAttempt> SessionAsync(PrinterConfig config, CancellationToken stop)
    {
        if (!await RecordConfirmedAsync())
        {
            return PrinterAttempt.Stale;
        }
        IPrinterLink link;
        try
        {
            link = await links.OpenAsync(config, stop);
        }
        catch (PrinterLinkException e)
        {
            _health.Unreachable();
            Problem("unreachable", e.Message);
            return PrinterAttempt.PrinterDown;
        }
        await using (link)
        {
            while (true)
            {
                PrinterStatus status;
                try
                {
                    status = PrinterHealth.StatusOf(await link.ReadStatusAsync(stop));
                }
                catch (PrinterLinkException e)
                {
                    _health.Unreachable();
                    Problem("link", e.Message);
                    return PrinterAttempt.PrinterDown;
                }
                if (_health.Answered(status, config.Name, Queue.Depth) is { } problem)
                {
                    Problem("status", problem);
                    return PrinterAttempt.PrinterDown;
                }
                var batch = Queue.NextBatch(MaxBatch);
                if (batch.Count == 0)
                {
                    return PrinterAttempt.Done;
                }
                var sent = await PrintBatchAsync(link, config, batch, stop);
                if (sent != PrinterAttempt.Done)
                {
                    return sent;
                }
            }
        }
    }

    // Sent back to back on one connection: one group commit records them all as sending, the printer confirms them
    // in order, one group commit records them all as printed.
    private async Task<PrinterAttempt> PrintBatchAsync(IPrinterLink link, PrinterConfig config, IReadOnlyList<PrintJob> batch, CancellationToken stop)
    {
        // Rendered as they stand before this attempt is recorded: from these events on, any later attempt says REPRINT.
        var confirmsById = config.Confirm == PrintConfirmation.ProcessId;
        var reprints = batch.Select(j => j.PrintsAsReprint).ToList();
        var pages = batch.Select(j => j.Render(config, requestProcessId: confirmsById)).ToList();
        var recorded = await Task.WhenAll(batch.Select((job, i) =>
            AppendAsync(job, new PrintJobSending(job.JobId, PrinterId, job.Attempts + 1, reprints[i]))));
        if (recorded.Contains(false))
        {
            return PrinterAttempt.Stale;
        }
        var current = 0;
        try
        {
            foreach (var page in pages)
            {
                await link.SendAsync(page, stop);
            }
            for (; current < batch.Count; current++)
            {
                if (confirmsById)
                {
                    await link.WaitForProcessIdAsync(ProcessId.ForJob(batch[current].PrintId), stop);
                }
                Queue.Confirmed(batch[current].JobId);
            }
        }
        catch (PrinterLinkException e)
        {
            var job = batch[current];
            var what = job.Queued.Ticket is { } ticket ? $"ticket #{ticket.OrderNumber}" : job.Queued.Reason;
            Problem("link", $"{what} (job {job.PrintId}) and {batch.Count - current - 1} after it may be incomplete: {e.Message}; they print again marked REPRINT", outcomeUnknown: true);
            await RecordConfirmedAsync();
            return PrinterAttempt.PrinterDown;
        }
        return await RecordConfirmedAsync() ? PrinterAttempt.Done : PrinterAttempt.Stale;
    }

    // A confirmed ticket is never sent again, even if recording it has to wait for the journal.
    private async Task<bool> RecordConfirmedAsync()
    {
        var confirmed = Queue.ConfirmedNotRecorded;
        if (confirmed.Count == 0)
        {
            return true;
        }
        var confirm = _config?.Confirm ?? PrintConfirmation.ProcessId;
        try
        {
            var recorded = await Task.WhenAll(confirmed.Where(j => !j.IsPrinted)
                .Select(job => AppendAsync(job, new PrintJobPrinted(job.JobId, PrinterId, confirm))));
            return !recorded.Contains(false);
        }
        finally
        {
            foreach (var job in confirmed.Where(j => j.IsPrinted))
            {
                Finished(job);
                _health.Printed(job.PrintedAt!.Value);
                PrintingTelemetry.Printed.Add(1, Tag());
                LogPrintedJob(job);
                PrintingTelemetry.PrintLatency.Record((job.PrintedAt!.Value - job.QueuedAt).TotalMilliseconds, Tag());
            }
        }
    }

    // Moves the movable jobs to the backup once the printer has been down past its window; false when a job's
    // stream had moved on (the queue is read again first).
    private async Task<bool> FailOverIfDueAsync(PrinterConfig config)
    {
        if (PrinterFailover.BackupIfDue(config, _health.DownSince, clock.Time.GetUtcNow(), catalog.Current) is not { } backup)
        {
            return true;
        }
        var reason = PrinterFailover.Reason(config, _health.DownSince!.Value, _health.LastError);
        foreach (var job in Queue.Movable())
        {
            if (!await AppendAsync(job, new PrintJobFailedOver(job.JobId, backup.PrinterId, PrinterId, config.Name, reason)))
            {
                return false;
            }
            Finished(job);
            PrintingTelemetry.FailedOver.Add(1, Tag());
            LogFailedOver(logger, job.JobId, PrinterId, backup.PrinterId);
            await GrainFactory.GetGrain<IPrinterGrain>(backup.PrinterId).Adopt(job.JobId);
        }
        return true;
    }

    // Appends one event to a job's stream and applies it; false when the stream moved on (someone else wrote to it).
    // An outcome the grain cannot explain is a bug and throws; an unavailable journal throws its own exception.
    private async Task<bool> AppendAsync(PrintJob job, PrintingEvent e, CommandContext? by = null)
    {
        var append = new StreamAppend(job.StreamId, job.Version, [PrintingEvents.ToNew(e)], clock.Now(), by?.DeviceId ?? "appliance", BusinessDate: null);
        append = by is null ? append : append.By(by);
        // When the commit's outcome is unknown or the stream moved, the jobs are read back before the next step.
        var result = await journal.AppendOrReloadAsync(append, () => _mayBeStale = true);
        switch (result.Outcome)
        {
            case AppendOutcome.Appended:
                job.Apply(e, result.FirstSeq, clock.Now());
                return true;
            case AppendOutcome.VersionConflict:
                LogStale(logger, PrinterId, job.JobId, job.Version, result.StreamVersion);
                return false;
            default:
                throw new InvalidOperationException($"Print job {job.JobId}: the journal answered {result.Outcome} ({result.Reason}) to {e.GetType().Name}.");
        }
    }

    // After an append whose outcome is unknown or refused: each queued job as the journal has it (a Sending that did
    // commit makes the next copy a REPRINT, as it must).
    private async Task RefreshQueueAsync()
    {
        foreach (var queued in Queue.Waiting.ToList())
        {
            if (await LoadJobAsync(queued.JobId) is { } current)
            {
                Track(current);
            }
        }
        _mayBeStale = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: {Count} ticket(s) left from before, {Unknown} of them sent but unconfirmed (they print again marked REPRINT)")]
    private static partial void LogResuming(ILogger logger, string printerId, int count, int unknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: {Message}")]
    private static partial void LogFailed(ILogger logger, string printerId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: outcome unknown: {Message}")]
    private static partial void LogOutcomeUnknown(ILogger logger, string printerId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Printer {PrinterId}: unexpected error (a bug); reading the queue again and trying again in a while")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string printerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer {PrinterId}: job {JobId} was at version {Expected} here, {Actual} in the journal; reading the queue again")]
    private static partial void LogStale(ILogger logger, string printerId, Guid jobId, int expected, int actual);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Print job {JobId} failed over from {From} to {To}")]
    private static partial void LogFailedOver(ILogger logger, Guid jobId, string from, string to);
}
