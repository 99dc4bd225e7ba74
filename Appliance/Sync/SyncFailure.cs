using Pos.Appliance.Database;

namespace Pos.Appliance.Sync;

/// <summary>Whose failure ended a sync attempt: it decides what the attempt says about the cloud.</summary>
public enum SyncFailure
{
    /// <summary>The cloud could not be reached or answered with an error: the cloud is away (online false, backoff).</summary>
    Cloud,

    /// <summary>
    /// The store's own database is not answering: this says nothing about the cloud (online stays as it was, the
    /// cloud's backoff does not grow); the attempt is made again as soon as the database is back.
    /// </summary>
    Database,

    /// <summary>Anything else on the appliance (a bug): reported like a cloud failure, so it is seen and not retried hot.</summary>
    Appliance,
}

/// <summary>Sorts the exception that ended a sync attempt.</summary>
public static class SyncFailures
{
    public static SyncFailure Classify(Exception exception) => exception switch
    {
        CloudUnavailableException or CloudRefusedException => SyncFailure.Cloud,
        _ when DatabaseOutage.IsOutage(exception) => SyncFailure.Database,
        _ => SyncFailure.Appliance,
    };
}
