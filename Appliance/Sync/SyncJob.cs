using System.Diagnostics;
using Hangfire;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Appliance.Telemetry;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Appliance.Sync;

/// <summary>
/// The Hangfire job that replays the journal to the cloud, and the in-process scheduling around it.
/// <list type="bullet">
/// <item>A run seals the business dates that are over, sends the events after the acknowledged checkpoint in
/// batches until it has caught up, records each acknowledgement, pulls a newer published menu when one is due,
/// then waits up to <see cref="SyncOptions.Linger"/> for more events before it ends.</item>
/// <item>Appends nudge it: a run that is waiting sends at once; when none runs, one job is enqueued (never
/// more than one queued at a time, so a busy store does not write a job row per append).</item>
/// <item>While the cloud is away a run ends at the first failure and one job is scheduled after a backoff
/// that doubles up to <see cref="SyncOptions.MaxBackoff"/>; appends meanwhile enqueue nothing and the recurring
/// job returns without a query. The backoff runs on a <see cref="TimeProvider"/> timer, not a polling job.</item>
/// <item>While the store's own database is away (<see cref="SyncFailure.Database"/>) nothing is said about the cloud:
/// <see cref="Online"/> and the cloud's backoff stay as they were. The run ends and the next one starts in this
/// process, not through Hangfire (whose worker, itself cut off from the database, may take many seconds to
/// fetch a job again): at once when the journal writer reconnects or a commit nudges, else after
/// <see cref="DatabaseRetry"/>.</item>
/// <item>A job Hangfire has not started within <see cref="StartWithin"/> of being enqueued (its worker is waiting
/// out the backoff it built up while the database was away: up to minutes) runs in this process instead.</item>
/// </list>
/// </summary>
public sealed partial class SyncJob(
    CloudClient cloud,
    SyncCheckpointStore checkpoints,
    DaySealer sealer,
    IJournal journal,
    IGrainFactory grains,
    IServiceProvider services,
    PosSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SyncJob> logger)
{
    public const string RecurringId = "journal-sync";

    private readonly Lock _gate = new();
    private readonly SyncOptions _options = settings.Sync;
    private bool _running;
    private bool _queued;
    private bool _nudged;
    private TaskCompletionSource? _wake;
    private ITimer? _retryTimer;
    private bool _databaseAway;
    private bool _pausedByDatabase;
    private ITimer? _databaseTimer;
    private ITimer? _startWatchdog;
    private int _failures;
    private DateTimeOffset _menuDue;

    /// <summary>The checkpoint row as this job last read or wrote it: only this job writes it, so it is read once.</summary>
    private SyncCheckpoint? _checkpoint;

    /// <summary>When the next attempt is due while backing off; null when not backing off.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Whether the last attempt reached the cloud (null before any).</summary>
    public bool? Online { get; private set; }

    /// <summary>New events are in the journal: send them soon.</summary>
    public void Nudge()
    {
        lock (_gate)
        {
            if (_databaseAway)
            {
                // A commit: the database is back. The in-process retry takes it from here.
                ThreadPool.QueueUserWorkItem(_ => DatabaseReturned());
                return;
            }
            if (NextAttemptAt is not null)
            {
                return; // backing off: the retry timer enqueues the next run
            }
            if (_running)
            {
                _nudged = true;
                _wake?.TrySetResult();
                return;
            }
            if (_queued)
            {
                return;
            }
            _queued = true;
        }
        // Called on the journal writer's loop: the job row is written elsewhere, never in the commit path.
        ThreadPool.QueueUserWorkItem(_ => Enqueue());
    }

    /// <summary>The job's body, run by Hangfire (enqueued on append, scheduled by the backoff, and every minute).</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue("sync")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_running)
            {
                _queued = false; // a queued job that found a run going: that run takes the work
                return;
            }
            if (NextAttemptAt is { } due && due > time.GetUtcNow())
            {
                _queued = false; // the cloud is away and the backoff is not over: no query, no request; the timer enqueues
                return;
            }
            _running = true;
            _queued = false;
            _nudged = false;
            NextAttemptAt = null; // the backoff is over: this is the attempt
            _retryTimer?.Dispose();
            _retryTimer = null;
            _databaseAway = false; // likewise for a wait on the database
            _databaseTimer?.Dispose();
            _databaseTimer = null;
            _startWatchdog?.Dispose();
            _startWatchdog = null;
        }
        var ended = false;
        try
        {
            while (!ended)
            {
                await SealAsync(cancellationToken);
                await ShipAsync(cancellationToken);
                await PullMenuIfDueAsync(cancellationToken);
                Succeeded();
                ended = !await WaitForMoreAsync(cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is CloudUnavailableException or CloudRefusedException)
        {
            switch (SyncFailures.Classify(e))
            {
                case SyncFailure.Cloud:
                    await FailedAsync(e.Message, cancellationToken);
                    break;
                case SyncFailure.Database:
                    DatabaseAway(e);
                    break;
                default:
                    LogRunFailed(logger, e);
                    await FailedAsync($"Sync failed on the appliance: {e.Message}", cancellationToken);
                    break;
            }
        }
        finally
        {
            lock (_gate)
            {
                if (!ended)
                {
                    _running = false; // after a failure or a cancellation (a run that lingered out released it already)
                }
                _wake = null;
                // Armed only now that the run is over, so the retry never finds it still running.
                if (NextAttemptAt is { } due && _retryTimer is null)
                {
                    _retryTimer = time.CreateTimer(_ => RetryDue(), null, Max(due - time.GetUtcNow(), TimeSpan.Zero), Timeout.InfiniteTimeSpan);
                }
                ArmDatabaseRetry();
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        if (await sealer.SealDueAsync(cancellationToken) is var count and > 0)
        {
            LogSealed(logger, count);
        }
    }

    /// <summary>
    /// Sends every event after the checkpoint, a batch at a time, until the cloud has the journal's head. A page of
    /// events larger than the cloud takes in one body goes up in several batches (CloudClient sends what fits).
    /// </summary>
    private async Task ShipAsync(CancellationToken cancellationToken)
    {
        _checkpoint ??= await checkpoints.ReadAsync(cancellationToken);
        var acked = _checkpoint.AckedSeq;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await journal.ReadAsync(acked, _options.BatchSize, cancellationToken);
            if (page.Events.Count == 0)
            {
                return;
            }
            var answer = await cloud.SendAsync(page.Events, page.HeadSeq, cancellationToken);
            var now = time.GetUtcNow();
            switch (answer)
            {
                case BatchAnswer.Acked(var ackedSeq, var sentThrough):
                    await checkpoints.AckedAsync(ackedSeq, now, cancellationToken);
                    _checkpoint = _checkpoint with { AckedSeq = ackedSeq };
                    Succeeded();
                    ApplianceTelemetry.SyncEventsAcked.Add(Math.Max(0, ackedSeq - acked));
                    ApplianceTelemetry.SyncBatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (ackedSeq < sentThrough)
                    {
                        throw new CloudRefusedException($"The cloud acknowledged seq {ackedSeq} for a batch up to {sentThrough}.");
                    }
                    acked = ackedSeq;
                    break;
                case BatchAnswer.Gap(var expectedSeq):
                    // The cloud holds less than the checkpoint says: start again where it stopped.
                    LogRewound(logger, acked, expectedSeq - 1);
                    acked = expectedSeq - 1;
                    await checkpoints.AckedAsync(acked, now, cancellationToken);
                    _checkpoint = _checkpoint with { AckedSeq = acked };
                    break;
            }
        }
    }

    private async Task PullMenuIfDueAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _menuDue)
        {
            return;
        }
        _checkpoint ??= await checkpoints.ReadAsync(cancellationToken);
        var applied = _checkpoint.MenuVersion;
        var published = await cloud.PullMenuAsync(applied, cancellationToken);
        var result = published is null
            ? null
            : await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Replace(published.Menu, new CommandContext(DeviceIds.Cloud));
        // A refused version is recorded as pulled all the same, so the same refusal is not repeated every minute.
        var version = published?.Version ?? applied;
        await checkpoints.MenuPulledAsync(version, time.GetUtcNow(), cancellationToken);
        _checkpoint = _checkpoint with { MenuVersion = version };
        _menuDue = time.GetUtcNow() + _options.MenuPullEvery;
        if (result?.Error is { } error)
        {
            throw new CloudRefusedException($"The menu version {version} published in the cloud was refused: {error.Detail}");
        }
        if (result?.Menu is { } menu)
        {
            LogMenuApplied(logger, version, menu.Version);
        }
    }

    private void Succeeded()
    {
        bool resumed;
        lock (_gate)
        {
            _failures = 0;
            Online = true;
            resumed = _pausedByDatabase;
            _pausedByDatabase = false;
        }
        if (resumed)
        {
            LogDatabaseReturned(logger);
        }
    }

    /// <summary>Waits for a nudge up to the linger time; false when none came and the run ends.</summary>
    private async Task<bool> WaitForMoreAsync(CancellationToken cancellationToken)
    {
        Task woken;
        lock (_gate)
        {
            if (_nudged)
            {
                _nudged = false;
                return true;
            }
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            woken = _wake.Task;
        }
        var linger = _menuDue - time.GetUtcNow() is var untilMenu && untilMenu < _options.Linger ? untilMenu : _options.Linger;
        await Task.WhenAny(woken, Task.Delay(linger > TimeSpan.Zero ? linger : TimeSpan.Zero, time, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _wake = null;
            if (_nudged || time.GetUtcNow() >= _menuDue)
            {
                _nudged = false;
                return true;
            }
            _running = false; // under the lock: a nudge from now on enqueues a new job
            return false;
        }
    }

    private async Task FailedAsync(string error, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_gate)
        {
            _failures++;
            Online = false;
            var seconds = Math.Min(_options.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(_failures - 1, 20)));
            delay = TimeSpan.FromSeconds(seconds);
            NextAttemptAt = time.GetUtcNow() + delay;
        }
        ApplianceTelemetry.SyncFailures.Add(1);
        LogAttemptFailed(logger, error, delay.TotalSeconds);
        try
        {
            await checkpoints.FailedAsync(error, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRunFailed(logger, e); // the database is away too; the next attempt records it
        }
    }

    private void RetryDue()
    {
        lock (_gate)
        {
            NextAttemptAt = null;
            _retryTimer?.Dispose();
            _retryTimer = null;
            if (_queued || _running)
            {
                return;
            }
            _queued = true;
        }
        Enqueue();
    }

    private void Enqueue()
    {
        try
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<SyncJob>(j => j.RunAsync(CancellationToken.None));
            lock (_gate)
            {
                if (_queued && !_running && _startWatchdog is null)
                {
                    _startWatchdog = time.CreateTimer(_ => StartOverdue(), null, StartWithin, Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _queued = false;
                if (DatabaseOutage.IsOutage(e))
                {
                    // The database is away: try again in this process once it is back.
                    _databaseAway = true;
                    if (!_running)
                    {
                        ArmDatabaseRetry();
                    }
                }
            }
            LogEnqueueFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} business date(s) that are over.")]
    private static partial void LogSealed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cloud holds less than the checkpoint ({Acked}); sending again after seq {From}.")]
    private static partial void LogRewound(ILogger logger, long acked, long from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied the menu version {CloudVersion} published in the cloud (store menu version {Version}).")]
    private static partial void LogMenuApplied(ILogger logger, int cloudVersion, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync attempt failed: {Error} Next attempt in {Seconds} s.")]
    private static partial void LogAttemptFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run failed on the appliance.")]
    private static partial void LogRunFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue a sync job; it starts when the database answers, or with the recurring job.")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception e);
}
