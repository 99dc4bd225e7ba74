using Pos.Appliance.Database;

namespace Pos.Appliance.Sync;

/// <summary>
/// Whose failure an exception in a sync run is. The cloud's failures are not exceptions: the cloud client answers them as
/// values (<see cref="CloudReply"/>), and the <see cref="SyncLoop"/> decides on them.
/// </summary>
public enum SyncFailure
{
    /// <summary>
    /// The store's own database is not answering: this says nothing about the cloud (online stays as it was, the
    /// cloud's backoff does not grow); the attempt is made again as soon as the database is back.
    /// </summary>
    Database,

    /// <summary>Anything else on the appliance (a bug): logged with its stack, reported like a cloud failure, so it is seen and not retried hot.</summary>
    Appliance,
}

/// <summary>Sorts the exception that ended a sync attempt.</summary>
public static class SyncFailures
{
    public static SyncFailure Classify(Exception exception) =>
        DatabaseOutage.IsOutage(exception) ? SyncFailure.Database : SyncFailure.Appliance;
}

/// <summary>
/// Thrown by the sync job to Hangfire when an attempt failed, so the job shows as failed and is retried by Hangfire's
/// AutomaticRetry (a scheduled job in the dashboard) rather than in a private timer.
/// </summary>
public sealed class SyncAttemptFailedException(string message) : Exception(message);
