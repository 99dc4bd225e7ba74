namespace Pos.Appliance.Sync;

/// <summary>
/// The sync job through the store's own database going away and coming back: a run the database cut short starts
/// again in this process (not through Hangfire, whose worker lost the database too) as soon as the database is back,
/// and a job Hangfire does not start in time runs here as well. Nothing of this is said about the cloud.
/// </summary>
public sealed partial class SyncJob
{
    /// <summary>How soon a run cut short by the store's database is tried again when nothing says it is back.</summary>
    public static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(1);

    /// <summary>How long an enqueued job may wait for Hangfire's worker before it runs in this process.</summary>
    public static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(5);

    private readonly Lock _timers = new();
    private ITimer? _databaseTimer;
    private ITimer? _startWatchdog;
    private bool _pausedByDatabase;

    /// <summary>The journal writer connected again after a failure: a run the database cut short starts again now.</summary>
    public void DatabaseReturned()
    {
        if (gate.DatabaseReturned())
        {
            RunHere();
        }
    }

    private void DatabaseAway(string reason)
    {
        gate.WaitingForDatabase();
        bool first;
        lock (_timers)
        {
            first = !_pausedByDatabase;
            _pausedByDatabase = true;
        }
        if (first)
        {
            LogDatabaseAway(logger, reason, DatabaseRetry.TotalSeconds);
        }
        ArmDatabaseRetry();
    }

    /// <summary>A step went through after the database was away: say so once.</summary>
    private void Resumed()
    {
        lock (_timers)
        {
            if (!_pausedByDatabase)
            {
                return;
            }
            _pausedByDatabase = false;
        }
        LogDatabaseReturned(logger);
    }

    private void ArmDatabaseRetry()
    {
        lock (_timers)
        {
            if (_databaseTimer is null && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                _databaseTimer = time.CreateTimer(_ => DatabaseRetryDue(), null, DatabaseRetry, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void DatabaseRetryDue()
    {
        lock (_timers)
        {
            _databaseTimer?.Dispose();
            _databaseTimer = null;
        }
        DatabaseReturned();
    }

    private void ArmStartWatchdog()
    {
        lock (_timers)
        {
            if (_startWatchdog is null && gate.StartOverdue())
            {
                _startWatchdog = time.CreateTimer(_ => StartOverdue(), null, StartWithin, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The job enqueued last did not start in time: Hangfire's worker is not fetching, so run it here.</summary>
    private void StartOverdue()
    {
        lock (_timers)
        {
            _startWatchdog?.Dispose();
            _startWatchdog = null;
        }
        if (gate.StartOverdue())
        {
            LogStartOverdue(logger, StartWithin.TotalSeconds);
            RunHere();
        }
    }

    private void DisarmTimers()
    {
        lock (_timers)
        {
            _databaseTimer?.Dispose();
            _databaseTimer = null;
            _startWatchdog?.Dispose();
            _startWatchdog = null;
        }
    }

    /// <summary>A run in this process, not through Hangfire; a failed attempt schedules Hangfire's retry.</summary>
    private void RunHere() => _ = Task.Run(async () =>
    {
        try
        {
            await RunAsync(null, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // stopping
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync paused: the store's database is not answering ({Error}); this says nothing about the cloud. Trying again every {Seconds} s and as soon as it is back.")]
    private static partial void LogDatabaseAway(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hangfire did not start the sync job within {Seconds} s (its worker is still waiting after a database outage); running it in the appliance's process.")]
    private static partial void LogStartOverdue(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync resumed: the store's database answers again.")]
    private static partial void LogDatabaseReturned(ILogger logger);
}
