using Pos.Api.Health;
using Pos.Grains.Journal;
using Pos.Hosting.Database;

namespace Pos.Appliance.Database;

/// <summary>
/// Keeps the embedded cluster the appliance runs on (no POS_DB) running: once a second it looks whether the
/// postmaster is alive (its pid file and /proc), and when it died (killed, crashed, stopped by a full disk) it starts it
/// again, with a backoff while starting fails (<see cref="ClusterWatch"/> decides, <see cref="ClusterRestartRetry"/>
/// times the attempts; this class acts). While a restart is under way the cluster is looked at before each attempt,
/// so one started by someone else meanwhile is found at the next attempt (within 10 s). Each death and
/// each restart is logged, /health/ready reports the state as "embeddedCluster", and the journal's waiters are told
/// when it is back. A cluster found running at start (left by an appliance that was killed) is adopted like one
/// started here: both are stopped with the appliance (<see cref="DatabaseStartup"/>). A check that throws (the
/// log or /proc unreadable for a moment) is logged with its stack and counted, and watching goes on: the loop never
/// ends before the appliance stops, so /health/ready never says "running" about a cluster nobody watches.
/// </summary>
public sealed partial class EmbeddedClusterSupervisor(
    ISupervisedCluster cluster, JournalAvailability journal, TimeProvider time, ILogger<EmbeddedClusterSupervisor> logger)
    : IReadinessCheck
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long one restart may take (crash recovery included) before it counts as failed.</summary>
    private const int StartWaitSeconds = 60;

    /// <summary>How often the same failure of a check is logged again while it goes on.</summary>
    private static readonly TimeSpan RepeatFailureLogEvery = TimeSpan.FromMinutes(1);

    private readonly ISupervisedCluster _cluster = cluster;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private ClusterWatch? _watch;
    private int? _pid;
    private Task _loop = Task.CompletedTask;
    private int _watchFailures;
    private int _stopping;
    private (string What, DateTimeOffset At)? _lastFailureLogged;

    public string Name => "embeddedCluster";

    /// <summary>How many checks failed with an exception (each logged, or repeated within a minute); watching went on after each.</summary>
    public int WatchFailures => Volatile.Read(ref _watchFailures);

    public ClusterHealth Health
    {
        get
        {
            lock (_gate)
            {
                return _watch?.Health ?? new ClusterHealth(ClusterState.Stopped, time.GetUtcNow());
            }
        }
    }

    public (bool Ready, string Status) Check()
    {
        var health = Health;
        int? pid;
        lock (_gate)
        {
            pid = _pid;
        }
        if (health.State != ClusterState.Running)
        {
            return (false, health.ToString());
        }
        // Looked at now, not only at the last tick: a postmaster that died a moment ago is not reported running.
        return _cluster.PostmasterPid() is { } now
            ? (true, $"running (pid {now})")
            : (false, $"down: postmaster pid {pid} is gone; restarting");
    }

    /// <summary>Starts watching the cluster <see cref="PosDatabase.StartAsync"/> started or found running.</summary>
    public void Start()
    {
        var pid = _cluster.PostmasterPid();
        lock (_gate)
        {
            _watch = new ClusterWatch(time.GetUtcNow());
            _pid = pid;
        }
        if (!_cluster.StartedHere)
        {
            LogAdopted(logger, pid ?? 0, _cluster.DataDir);
        }
        _loop = WatchAsync(_stop.Token);
    }

    /// <summary>
    /// Stops watching (and starting): the appliance is stopping and stops the cluster itself. A start under way is
    /// waited for (so the stop that follows finds the server it started), until <paramref name="cancellationToken"/>
    /// (the host's shutdown timeout); never throws.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }
        lock (_gate)
        {
            _watch?.Stop(time.GetUtcNow());
        }
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopDidNotWait(logger);
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await CheckAsync(stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    Failed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while waiting for the next check.
        }
        catch (Exception e) when (stop.IsCancellationRequested)
        {
            // A start under way when the appliance stopped failed (the stop took its server away): nothing to do.
            LogFailedWhileStopping(logger, e.Message);
        }
    }

    private async Task CheckAsync(CancellationToken stop)
    {
        var pid = _cluster.PostmasterPid();
        ClusterAction action;
        int? lastPid;
        lock (_gate)
        {
            action = _watch!.Observe(pid is not null, time.GetUtcNow());
            lastPid = _pid;
            _pid = pid ?? _pid;
        }
        switch (action)
        {
            case ClusterAction.RestartAfterDeath:
                LogDied(logger, lastPid ?? 0, _cluster.DataDir);
                await RestartAsync(stop);
                break;
            case ClusterAction.Start:
                // A restart that ended with a failed check (logged) goes on, its backoff from the start.
                await RestartAsync(stop);
                break;
            case ClusterAction.Recovered:
                LogRecovered(logger, pid ?? 0);
                journal.Returned();
                break;
        }
    }

    /// <summary>A check threw: counted, and logged with its stack unless the same failure was logged within the minute.</summary>
    private void Failed(Exception e)
    {
        var count = WatchFailures + 1; // one loop: never two at once
        var what = $"{e.GetType().FullName}: {e.Message}";
        var now = time.GetUtcNow();
        if (_lastFailureLogged is not { } last || last.What != what || now - last.At >= RepeatFailureLogEvery)
        {
            _lastFailureLogged = (what, now);
            LogCheckFailed(logger, e, count);
        }
        Volatile.Write(ref _watchFailures, count);
    }

    /// <summary>Starts the cluster until it runs again or the appliance stops, on the restart's retry.</summary>
    private async Task RestartAsync(CancellationToken stop)
    {
        var retry = ClusterRestartRetry.Build(time, StartFailed);
        await retry.ExecuteAsync(AttemptAsync, stop);
    }

    /// <summary>One attempt: looks at the postmaster first (someone may have started it), then starts it.</summary>
    private async ValueTask<ClusterStartAttempt> AttemptAsync(CancellationToken stop)
    {
        var pid = _cluster.PostmasterPid();
        ClusterAction action;
        int attempt;
        lock (_gate)
        {
            action = _watch!.Observe(pid is not null, time.GetUtcNow());
            attempt = _watch.Health.Attempt;
            _pid = pid ?? _pid;
        }
        if (action == ClusterAction.Recovered)
        {
            LogRecovered(logger, pid ?? 0);
            journal.Returned();
            return ClusterStartAttempt.Up;
        }
        if (action != ClusterAction.Start)
        {
            return ClusterStartAttempt.Up; // the appliance stops: nothing more to start
        }
        LogRestarting(logger, attempt);
        var logFrom = _cluster.LogLength();
        try
        {
            // pg_ctl waits for crash recovery: off the timer's thread.
            await Task.Run(() => _cluster.StartServer(StartWaitSeconds), stop);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // The server's own words (its log's last FATAL line) say more than pg_ctl's "could not start server".
            return new ClusterStartAttempt(_cluster.LastServerError(logFrom) is { } fatal ? $"{fatal} (in {_cluster.LogFile})" : e.Message);
        }
        var started = _cluster.PostmasterPid();
        lock (_gate)
        {
            _watch.Started(time.GetUtcNow());
            _pid = started;
        }
        LogRestarted(logger, started ?? 0, attempt);
        journal.Returned();
        return ClusterStartAttempt.Up;
    }

    /// <summary>A start failed: recorded for /health/ready and logged with the wait the retry chose.</summary>
    private void StartFailed(string error, TimeSpan retryIn)
    {
        int attempt;
        lock (_gate)
        {
            attempt = _watch!.Health.Attempt;
            _watch.StartFailed(error, time.GetUtcNow(), retryIn);
        }
        LogRestartFailed(logger, attempt, retryIn.TotalSeconds, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted the embedded PostgreSQL cluster left running in {DataDir} (postmaster pid {Pid}); it is watched, and stopped with the appliance")]
    private static partial void LogAdopted(ILogger logger, int pid, string dataDir);

    [LoggerMessage(Level = LogLevel.Error, Message = "The embedded PostgreSQL cluster died (postmaster pid {Pid} is gone, data in {DataDir}); restarting it")]
    private static partial void LogDied(ILogger logger, int pid, string dataDir);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarting the embedded PostgreSQL cluster (attempt {Attempt})")]
    private static partial void LogRestarting(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting the embedded PostgreSQL cluster failed (attempt {Attempt}); trying again in {Seconds} s: {Error}")]
    private static partial void LogRestartFailed(ILogger logger, int attempt, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL cluster was restarted (postmaster pid {Pid}, attempt {Attempt}); the appliance serves again")]
    private static partial void LogRestarted(ILogger logger, int pid, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking on the embedded PostgreSQL cluster failed ({Count} failed checks so far); it is checked again in a second")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A start of the embedded PostgreSQL cluster under way when the appliance stopped ended with: {Error}")]
    private static partial void LogFailedWhileStopping(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped waiting for a start of the embedded PostgreSQL cluster still under way: the appliance's shutdown timeout passed")]
    private static partial void LogStopDidNotWait(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL cluster runs again (postmaster pid {Pid}), started by someone else")]
    private static partial void LogRecovered(ILogger logger, int pid);
}
