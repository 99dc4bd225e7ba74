using Pos.Grains.Journal;

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

    /// <summary>The journal writer connected again after a failure: a run the database cut short starts again now.</summary>
    public void DatabaseReturned()
    {
        lock (_gate)
        {
            if (!_databaseAway || _running)
            {
                return;
            }
            _databaseAway = false;
            _databaseTimer?.Dispose();
            _databaseTimer = null;
        }
        // In this process: Hangfire's worker lost the database too and may not fetch a job for a while yet.
        _ = Task.Run(() => RunAsync(lifetime.ApplicationStopping));
    }

    private void DatabaseAway(Exception e)
    {
        bool first;
        lock (_gate)
        {
            _databaseAway = true;
            first = !_pausedByDatabase;
            _pausedByDatabase = true;
        }
        if (first)
        {
            LogDatabaseAway(logger, (e as JournalUnavailableException)?.InnerException?.Message ?? e.Message, DatabaseRetry.TotalSeconds);
        }
    }

    /// <summary>Under the gate, once no run is going: the retry of a run the database cut short.</summary>
    private void ArmDatabaseRetry()
    {
        if (_databaseAway && _databaseTimer is null && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            _databaseTimer = time.CreateTimer(_ => DatabaseRetryDue(), null, DatabaseRetry, Timeout.InfiniteTimeSpan);
        }
    }

    private void DatabaseRetryDue()
    {
        lock (_gate)
        {
            _databaseTimer?.Dispose();
            _databaseTimer = null;
        }
        DatabaseReturned();
    }

    /// <summary>The job enqueued last did not start in time: Hangfire's worker is not fetching, so run it here.</summary>
    private void StartOverdue()
    {
        lock (_gate)
        {
            _startWatchdog?.Dispose();
            _startWatchdog = null;
            if (!_queued || _running)
            {
                return;
            }
        }
        LogStartOverdue(logger, StartWithin.TotalSeconds);
        _ = Task.Run(() => RunAsync(lifetime.ApplicationStopping));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync paused: the store's database is not answering ({Error}); this says nothing about the cloud. Trying again every {Seconds} s and as soon as it is back.")]
    private static partial void LogDatabaseAway(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hangfire did not start the sync job within {Seconds} s (its worker is still waiting after a database outage); running it in the appliance's process.")]
    private static partial void LogStartOverdue(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync resumed: the store's database answers again.")]
    private static partial void LogDatabaseReturned(ILogger logger);
}
