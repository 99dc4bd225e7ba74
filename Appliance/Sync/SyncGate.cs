namespace Pos.Appliance.Sync;

/// <summary>What the shell does about a nudge (new events in the journal).</summary>
public enum NudgeAction
{
    /// <summary>Nothing: a run is going (it was woken), a job is queued, or a retry is scheduled.</summary>
    None,

    /// <summary>Enqueue one Hangfire job.</summary>
    Enqueue,

    /// <summary>The store's database is back (a commit): start the run it cut short, in this process.</summary>
    Resume,
}

/// <summary>
/// Which trigger starts a sync run, pure (a lock, no I/O): one run at a time in this process; appends enqueue at most one
/// job (none while one is queued, a run is going, or a Hangfire retry is scheduled); while a retry is scheduled, other
/// jobs (the recurring one, a queued one) end at once without a query; a run the store's database cut short goes on in
/// this process once it is back. The row count this keeps Hangfire to during an outage is in docs/SYNC.md.
/// </summary>
public sealed class SyncGate(TimeProvider time, TimeSpan schedulePolling)
{
    /// <summary>
    /// How late a scheduled retry may be before it counts as lost (deleted in the dashboard, or its state change lost
    /// with the database under load) and another job may attempt: two of Hangfire's schedule polls and ten seconds for
    /// its worker to fetch it (40 s with the production settings, 12 s with the tests' 2 s backoff). A retry that turns
    /// up later still is one more run, never two at once: the gate lets one run at a time.
    /// </summary>
    public TimeSpan RetryLostAfter { get; } = 2 * schedulePolling + TimeSpan.FromSeconds(10);

    /// <summary>How often Hangfire looks for due scheduled jobs, given the longest retry delay.</summary>
    public static TimeSpan SchedulePollingFor(TimeSpan maxBackoff) => TimeSpan.FromSeconds(Math.Clamp(maxBackoff.TotalSeconds / 2, 1, 15));

    private readonly Lock _lock = new();
    private bool _running;
    private bool _queued;
    private bool _nudged;
    private bool _databaseAway;
    private TaskCompletionSource? _wake;
    private string? _retryJobId;
    private DateTimeOffset _retryDue;

    /// <summary>Whether a run is going.</summary>
    public bool Running { get { lock (_lock) { return _running; } } }

    /// <summary>Whether a job was enqueued and has not started.</summary>
    public bool Queued { get { lock (_lock) { return _queued; } } }

    /// <summary>Whether the last run ended on the store's database.</summary>
    public bool DatabaseAway { get { lock (_lock) { return _databaseAway; } } }

    /// <summary>The Hangfire job that retries the failed attempt, while one is scheduled.</summary>
    public string? RetryJobId { get { lock (_lock) { return _retryJobId; } } }

    /// <summary>New events are in the journal.</summary>
    public NudgeAction Nudge()
    {
        lock (_lock)
        {
            if (_databaseAway)
            {
                return _running ? NudgeAction.None : NudgeAction.Resume; // a commit: the database is back
            }
            if (_running)
            {
                _nudged = true;
                _wake?.TrySetResult();
                return NudgeAction.None;
            }
            if (_queued || RetryPending())
            {
                return NudgeAction.None;
            }
            _queued = true;
            return NudgeAction.Enqueue;
        }
    }

    /// <summary>Enqueuing failed: the next nudge tries again.</summary>
    public void EnqueueFailed(bool databaseAway)
    {
        lock (_lock)
        {
            _queued = false;
            _databaseAway |= databaseAway;
        }
    }

    /// <summary>
    /// A run would start: Hangfire's job <paramref name="jobId"/>, or one in this process (null). True when it runs;
    /// false when another run is going, or a retry is scheduled and this is not it.
    /// </summary>
    public bool TryStart(string? jobId)
    {
        lock (_lock)
        {
            _queued = false; // a queued job that finds a run going or a retry scheduled: that one takes the work
            if (_running || (RetryPending() && jobId != _retryJobId))
            {
                return false;
            }
            _running = true;
            _nudged = false;
            _databaseAway = false;
            _retryJobId = null;
            return true;
        }
    }

    /// <summary>Waits up to <paramref name="linger"/> for a nudge; true when one came (now or before).</summary>
    public async Task<bool> LingerAsync(TimeSpan linger, CancellationToken cancellationToken)
    {
        Task woken;
        lock (_lock)
        {
            if (_nudged)
            {
                _nudged = false;
                return true;
            }
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            woken = _wake.Task;
        }
        await Task.WhenAny(woken, Task.Delay(linger, time, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _wake = null;
            var nudged = _nudged;
            _nudged = false;
            return nudged;
        }
    }

    /// <summary>The loop says end: true when the run ended; false when a nudge came in between (the run goes on).</summary>
    public bool TryEnd()
    {
        lock (_lock)
        {
            if (_nudged)
            {
                _nudged = false;
                return false;
            }
            _running = false; // under the lock: a nudge from now on enqueues a new job
            return true;
        }
    }

    /// <summary>The run ended on a failure; <paramref name="retryJobId"/> is the Hangfire job that retries it, due at <paramref name="due"/> (none when null).</summary>
    public void Failed(string? retryJobId, DateTimeOffset due)
    {
        lock (_lock)
        {
            _running = false;
            _wake = null;
            _retryJobId = retryJobId;
            _retryDue = due;
        }
    }

    /// <summary>The run ended on the store's database: it goes on in this process once the database is back.</summary>
    public void WaitingForDatabase()
    {
        lock (_lock)
        {
            _running = false;
            _wake = null;
            _databaseAway = true;
        }
    }

    /// <summary>The run ended otherwise (cancelled at shutdown).</summary>
    public void Stopped()
    {
        lock (_lock)
        {
            _running = false;
            _wake = null;
        }
    }

    /// <summary>The database is back: true when a run it cut short should start now (in this process).</summary>
    public bool DatabaseReturned()
    {
        lock (_lock)
        {
            return _databaseAway && !_running;
        }
    }

    /// <summary>An enqueued job has not started in time: true when it should run in this process.</summary>
    public bool StartOverdue()
    {
        lock (_lock)
        {
            return _queued && !_running;
        }
    }

    private bool RetryPending() => _retryJobId is not null && time.GetUtcNow() < _retryDue + RetryLostAfter;
}
