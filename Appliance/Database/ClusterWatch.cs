namespace Pos.Appliance.Database;

/// <summary>Where the supervised embedded cluster stands.</summary>
public enum ClusterState
{
    /// <summary>The postmaster runs.</summary>
    Running,

    /// <summary>The postmaster died; it is being started again, with a backoff while starting fails.</summary>
    Restarting,

    /// <summary>The appliance is stopping: nothing is started any more.</summary>
    Stopped,
}

/// <summary>What the supervisor does after an observation.</summary>
public enum ClusterAction
{
    /// <summary>Nothing: it runs, or the next start is not due yet.</summary>
    None,

    /// <summary>It just died: say so, then start it.</summary>
    RestartAfterDeath,

    /// <summary>An earlier start failed and the backoff is over: start it again.</summary>
    Retry,

    /// <summary>It runs again without us (someone started it): say so.</summary>
    Recovered,
}

/// <summary>The cluster's state for /health/ready and the logs.</summary>
public sealed record ClusterHealth(ClusterState State, DateTimeOffset Since, int Attempt = 0, string? LastError = null, DateTimeOffset? NextAttemptAt = null)
{
    public override string ToString() => State switch
    {
        ClusterState.Running => "running",
        ClusterState.Stopped => "stopped",
        _ when LastError is null => $"restarting (attempt {Attempt})",
        _ => $"restarting (attempt {Attempt}): {LastError}",
    };
}

/// <summary>
/// The embedded cluster supervisor's decisions, without a process or a clock of its own (decide, then act): fed with
/// what the supervisor saw (the postmaster alive or not, a start that worked or failed) and the time, it says
/// whether to start the cluster now. A failed start is tried again after 1, 2, 4, 8, then every
/// <see cref="MaxBackoff"/> seconds, so a full disk freed by a person is found within seconds, without
/// hammering pg_ctl meanwhile.
/// </summary>
public sealed class ClusterWatch(DateTimeOffset now)
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public ClusterHealth Health { get; private set; } = new(ClusterState.Running, now);

    /// <summary>What to do, given whether the postmaster is alive at <paramref name="now"/>.</summary>
    public ClusterAction Observe(bool alive, DateTimeOffset now)
    {
        switch (Health.State)
        {
            case ClusterState.Running when alive:
                return ClusterAction.None;
            case ClusterState.Running:
                Health = new ClusterHealth(ClusterState.Restarting, now, Attempt: 1, "the server process is gone", NextAttemptAt: now);
                return ClusterAction.RestartAfterDeath;
            case ClusterState.Restarting when alive:
                Health = new ClusterHealth(ClusterState.Running, now);
                return ClusterAction.Recovered;
            case ClusterState.Restarting when now >= Health.NextAttemptAt:
                return ClusterAction.Retry;
            default:
                return ClusterAction.None;
        }
    }

    /// <summary>The start asked for worked: the cluster accepts connections.</summary>
    public void Started(DateTimeOffset now)
    {
        if (Health.State != ClusterState.Stopped)
        {
            Health = new ClusterHealth(ClusterState.Running, now);
        }
    }

    /// <summary>The start asked for failed with <paramref name="error"/>: the next attempt waits for the backoff.</summary>
    public void StartFailed(string error, DateTimeOffset now)
    {
        if (Health.State != ClusterState.Restarting)
        {
            return;
        }
        var wait = Backoff(Health.Attempt);
        Health = Health with { Attempt = Health.Attempt + 1, LastError = error, NextAttemptAt = now + wait };
    }

    /// <summary>The appliance stops (and stops the cluster itself): nothing is started from now on.</summary>
    public void Stop(DateTimeOffset now) => Health = new ClusterHealth(ClusterState.Stopped, now);

    /// <summary>The wait after the <paramref name="failedAttempt"/>-th failed start.</summary>
    public static TimeSpan Backoff(int failedAttempt)
    {
        var doubled = FirstBackoff * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 16));
        return doubled < MaxBackoff ? doubled : MaxBackoff;
    }
}
