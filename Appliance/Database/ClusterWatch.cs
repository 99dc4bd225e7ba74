namespace Pos.Appliance.Database;

/// <summary>Where the supervised embedded cluster stands.</summary>
public enum ClusterState
{
    /// <summary>The postmaster runs.</summary>
    Running,

    /// <summary>The postmaster died; it is being started again, with a backoff while starting fails (<see cref="ClusterRestartRetry"/>).</summary>
    Restarting,

    /// <summary>The appliance is stopping: nothing is started any more.</summary>
    Stopped,
}

/// <summary>What the supervisor does after an observation.</summary>
public enum ClusterAction
{
    /// <summary>Nothing: it runs, or the appliance stops.</summary>
    None,

    /// <summary>It just died: say so, then start it.</summary>
    RestartAfterDeath,

    /// <summary>It is being restarted and still down: start it (asked at each attempt of the restart's retry).</summary>
    Start,

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
/// what the supervisor saw (the postmaster alive or not, a start that worked or failed) and the time, it says whether
/// to start the cluster and what /health/ready reports. When the next start is due is not decided here: the restart
/// runs as a retry of the resilience library (<see cref="ClusterRestartRetry"/>), which asks at each attempt and says
/// how long it waits after a failure.
/// </summary>
public sealed class ClusterWatch(DateTimeOffset now)
{
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
            case ClusterState.Restarting:
                return ClusterAction.Start;
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

    /// <summary>The start asked for failed with <paramref name="error"/>: the next attempt comes in <paramref name="retryIn"/>.</summary>
    public void StartFailed(string error, DateTimeOffset now, TimeSpan retryIn)
    {
        if (Health.State != ClusterState.Restarting)
        {
            return;
        }
        Health = Health with { Attempt = Health.Attempt + 1, LastError = error, NextAttemptAt = now + retryIn };
    }

    /// <summary>The appliance stops (and stops the cluster itself): nothing is started from now on.</summary>
    public void Stop(DateTimeOffset now) => Health = new ClusterHealth(ClusterState.Stopped, now);
}
