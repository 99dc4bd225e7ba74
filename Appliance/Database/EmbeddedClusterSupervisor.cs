using Pos.Api.Health;
using Pos.Grains.Journal;

namespace Pos.Appliance.Database;

/// <summary>
/// Keeps the embedded cluster the appliance runs on (no POS_DB) running: once a second it looks whether the
/// postmaster is alive (its pid file and /proc), and when it died (killed, crashed, stopped by a full disk) it starts it
/// again, with a backoff while starting fails (<see cref="ClusterWatch"/> decides; this class acts). Each death and
/// each restart is logged, /health/ready reports the state as "embeddedCluster", and the journal's waiters are told
/// when it is back. A cluster found running at start (left by an appliance that was killed) is adopted like one
/// started here: both are stopped with the appliance (<see cref="DatabaseStartup"/>).
/// </summary>
public sealed partial class EmbeddedClusterSupervisor(
    PosDatabase database, JournalAvailability journal, TimeProvider time, ILogger<EmbeddedClusterSupervisor> logger)
    : IReadinessCheck
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long one restart may take (crash recovery included) before it counts as failed.</summary>
    private const int StartWaitSeconds = 60;

    private readonly EmbeddedPostgres _cluster = database.Embedded
        ?? throw new InvalidOperationException("The supervisor watches the embedded cluster; with POS_DB there is none.");
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private ClusterWatch? _watch;
    private int? _pid;
    private Task _loop = Task.CompletedTask;

    public string Name => "embeddedCluster";

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

    /// <summary>Stops watching (and starting): the appliance is stopping and stops the cluster itself.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting.
        }
        lock (_gate)
        {
            _watch?.Stop(time.GetUtcNow());
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        while (await timer.WaitForNextTickAsync(stop))
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
                case ClusterAction.Retry:
                    await RestartAsync(stop);
                    break;
                case ClusterAction.Recovered:
                    LogRecovered(logger, pid ?? 0);
                    journal.Returned();
                    break;
            }
        }
    }

    private async Task RestartAsync(CancellationToken stop)
    {
        int attempt;
        lock (_gate)
        {
            attempt = _watch!.Health.Attempt;
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
            var error = _cluster.LastServerError(logFrom) is { } fatal ? $"{fatal} (in {_cluster.LogFile})" : e.Message;
            ClusterHealth health;
            lock (_gate)
            {
                _watch!.StartFailed(error, time.GetUtcNow());
                health = _watch.Health;
            }
            LogRestartFailed(logger, attempt, (health.NextAttemptAt!.Value - time.GetUtcNow()).TotalSeconds, error);
            return;
        }
        var pid = _cluster.PostmasterPid();
        lock (_gate)
        {
            _watch!.Started(time.GetUtcNow());
            _pid = pid;
        }
        LogRestarted(logger, pid ?? 0, attempt);
        journal.Returned();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL cluster runs again (postmaster pid {Pid}), started by someone else")]
    private static partial void LogRecovered(ILogger logger, int pid);
}
