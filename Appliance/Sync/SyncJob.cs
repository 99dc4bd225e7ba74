using Hangfire;
using Hangfire.Server;
using Pos.Appliance.Hosting;
using Pos.Appliance.Telemetry;
using Pos.Grains.Journal;

namespace Pos.Appliance.Sync;

/// <summary>
/// The Hangfire job that replays the journal to the cloud: a thin shell that runs the <see cref="SyncLoop"/>'s steps
/// (seal, <see cref="JournalShipper"/>, <see cref="MenuPuller"/>, linger) and lets Hangfire schedule it.
/// <list type="bullet">
/// <item>It runs as the recurring job (every minute), as the job one append enqueues (<see cref="Nudge"/>; the
/// <see cref="SyncGate"/> keeps it to one queued at a time), and as Hangfire's retry of a failed one.</item>
/// <item>A failed attempt throws <see cref="SyncAttemptFailedException"/> to Hangfire, whose AutomaticRetry (set up in
/// <see cref="SyncStartup"/> with the loop's growing delays) schedules the same job again: the dashboard shows it
/// under Retries. While that retry is scheduled, appends enqueue nothing and the recurring job ends at once.</item>
/// <item>While the store's own database is away (<see cref="SyncFailure.Database"/>) nothing is said about the cloud.
/// The run ends and goes on in this process (Hangfire's worker lost the database too and may be slow to fetch again) as
/// soon as the journal writer reconnects or a commit nudges, else after <see cref="DatabaseRetry"/>.</item>
/// </list>
/// </summary>
public sealed partial class SyncJob(
    SyncLoop loop,
    SyncGate gate,
    JournalShipper shipper,
    MenuPuller puller,
    DaySealer sealer,
    ISyncCheckpoints checkpoints,
    IServiceProvider services,
    PosSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SyncJob> logger)
{
    public const string RecurringId = "journal-sync";

    /// <summary>When the next attempt is due while the cloud is away; null when the last attempt did not fail.</summary>
    public DateTimeOffset? NextAttemptAt => loop.NextAttemptAt;

    /// <summary>Whether the last attempt reached the cloud (null before any).</summary>
    public bool? Online => loop.Online;

    /// <summary>How many retries Hangfire gives a failed job before it is deleted and the next one takes over.</summary>
    public int RetryAttempts => SyncLoop.RetryAttempts(settings.Sync.MaxBackoff);

    /// <summary>New events are in the journal: send them soon. Called on the journal writer's loop: no I/O here.</summary>
    public void Nudge()
    {
        switch (gate.Nudge())
        {
            case NudgeAction.Enqueue:
                ThreadPool.QueueUserWorkItem(_ => Enqueue());
                break;
            case NudgeAction.Resume:
                ThreadPool.QueueUserWorkItem(_ => DatabaseReturned());
                break;
        }
    }

    /// <summary>The job's body, run by Hangfire (the recurring job, one enqueued on new events, or a retry).</summary>
    [Queue("sync")]
    public async Task RunAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        var jobId = context?.BackgroundJob.Id;
        if (!gate.TryStart(jobId))
        {
            return; // a run is going, or a retry is scheduled: no query, no request
        }
        DisarmTimers();
        var end = await RunStepsAsync(cancellationToken);
        switch (end)
        {
            case SyncStep.RetryLater(var after, var failures, var reason):
                ApplianceTelemetry.SyncFailures.Add(1);
                LogAttemptFailed(logger, reason, after.TotalSeconds, failures);
                await RecordFailureAsync(reason, cancellationToken);
                if (jobId is null)
                {
                    ScheduleRetry(after); // a run in this process: Hangfire takes the retry from here
                    return;
                }
                var retried = context!.GetJobParameter<int>("RetryCount") < RetryAttempts;
                gate.Failed(retried ? jobId : null, time.GetUtcNow() + after);
                throw new SyncAttemptFailedException(reason);
            case SyncStep.WaitForDatabase(var reason):
                DatabaseAway(reason);
                break;
        }
    }

    /// <summary>Runs the loop's steps until it says end (and no nudge came meanwhile), retry later or wait for the database.</summary>
    private async Task<SyncStep> RunStepsAsync(CancellationToken cancellationToken)
    {
        var step = SyncLoop.Begin();
        try
        {
            while (true)
            {
                var outcome = await TakeAsync(step, cancellationToken);
                if (outcome is not (SyncOutcome.DatabaseAway or SyncOutcome.Broke))
                {
                    Resumed();
                }
                step = loop.Next(outcome);
                switch (step)
                {
                    case SyncStep.End when !gate.TryEnd():
                        step = SyncLoop.Begin(); // a nudge came in between
                        break;
                    case SyncStep.End or SyncStep.RetryLater or SyncStep.WaitForDatabase:
                        return step;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            gate.Stopped();
            throw;
        }
    }

    private async Task<SyncOutcome> TakeAsync(SyncStep step, CancellationToken cancellationToken)
    {
        try
        {
            switch (step)
            {
                case SyncStep.Seal:
                    var sealedCount = await sealer.SealDueAsync(cancellationToken);
                    if (sealedCount > 0)
                    {
                        LogSealed(logger, sealedCount);
                    }
                    return new SyncOutcome.Sealed(sealedCount);
                case SyncStep.Ship:
                    var shipped = await shipper.ShipNextAsync(cancellationToken);
                    if (shipped is SyncOutcome.Shipped(var acked, var ackedNow, _) && ackedNow > acked)
                    {
                        LogShipped(logger, ackedNow - acked, acked + 1, ackedNow);
                    }
                    else if (shipped is SyncOutcome.Rewound(var from, var to))
                    {
                        LogRewound(logger, from, to);
                    }
                    return shipped;
                case SyncStep.PullMenu:
                    var pulled = await puller.PullAsync(cancellationToken);
                    if (pulled is SyncOutcome.MenuPulled { Applied: { } applied, StoreVersion: { } version })
                    {
                        LogMenuApplied(logger, applied, version);
                    }
                    return pulled;
                case SyncStep.Linger(var linger):
                    return new SyncOutcome.Lingered(await gate.LingerAsync(linger, cancellationToken));
                default:
                    throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step the sync job takes.");
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (SyncFailures.Classify(e) == SyncFailure.Database)
            {
                return new SyncOutcome.DatabaseAway((e as JournalUnavailableException)?.InnerException?.Message ?? e.Message);
            }
            LogRunFailed(logger, e); // a bug: its stack in the log, and counted as a failed attempt
            return new SyncOutcome.Broke(e);
        }
    }

    private async Task RecordFailureAsync(string error, CancellationToken cancellationToken)
    {
        try
        {
            await checkpoints.FailedAsync(error, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (SyncFailures.Classify(e) == SyncFailure.Database && !cancellationToken.IsCancellationRequested)
        {
            LogFailureNotRecorded(logger, e.Message); // the database is away too; the next attempt records it
        }
    }

    private void Enqueue()
    {
        try
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<SyncJob>(j => j.RunAsync(null, CancellationToken.None));
            ArmStartWatchdog();
        }
        catch (Exception e)
        {
            var databaseAway = SyncFailures.Classify(e) == SyncFailure.Database;
            gate.EnqueueFailed(databaseAway);
            if (databaseAway)
            {
                ArmDatabaseRetry(); // the database is away: try again in this process once it is back
            }
            LogEnqueueFailed(logger, e);
        }
    }

    /// <summary>A run in this process failed: the retry is a Hangfire job scheduled after the loop's delay.</summary>
    private void ScheduleRetry(TimeSpan after)
    {
        try
        {
            var id = services.GetRequiredService<IBackgroundJobClient>().Schedule<SyncJob>(j => j.RunAsync(null, CancellationToken.None), after);
            gate.Failed(id, time.GetUtcNow() + after);
        }
        catch (Exception e) when (SyncFailures.Classify(e) == SyncFailure.Database)
        {
            gate.Failed(null, time.GetUtcNow());
            DatabaseAway(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} business date(s) that are over.")]
    private static partial void LogSealed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} event(s) to the cloud (seq {From}-{To}).")]
    private static partial void LogShipped(ILogger logger, long count, long from, long to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cloud holds less than the checkpoint ({Acked}); sending again after seq {From}.")]
    private static partial void LogRewound(ILogger logger, long acked, long from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied the menu version {CloudVersion} published in the cloud (store menu version {Version}).")]
    private static partial void LogMenuApplied(ILogger logger, int cloudVersion, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync attempt failed: {Error} Next attempt in {Seconds} s ({Failures} failed in a row).")]
    private static partial void LogAttemptFailed(ILogger logger, string error, double seconds, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run failed on the appliance.")]
    private static partial void LogRunFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failed sync attempt: {Error}")]
    private static partial void LogFailureNotRecorded(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue a sync job; it starts when the database answers, or with the recurring job.")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception e);
}
