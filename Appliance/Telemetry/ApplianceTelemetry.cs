using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pos.Appliance.Telemetry;

/// <summary>The host's own traces and metrics: the journal's group commits and its replay to the cloud.</summary>
public static class ApplianceTelemetry
{
    public const string Name = "Pos.Appliance";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Appends committed together in one transaction.</summary>
    public static readonly Histogram<int> JournalBatchSize =
        Meter.CreateHistogram<int>("pos.journal.append.batch_size", "{append}", "Appends per journal transaction");

    public static readonly Counter<long> JournalEvents = Meter.CreateCounter<long>("pos.journal.events", "{event}", "Events appended");

    public static readonly Histogram<double> JournalCommitDuration =
        Meter.CreateHistogram<double>("pos.journal.commit.duration", "ms", "Time to check and commit one journal batch");

    public static readonly Counter<long> SyncEventsAcked =
        Meter.CreateCounter<long>("pos.sync.events_acked", "{event}", "Journal events the cloud acknowledged");

    public static readonly Histogram<double> SyncBatchDuration =
        Meter.CreateHistogram<double>("pos.sync.batch.duration", "ms", "Time from reading a batch to the cloud's acknowledgement");

    public static readonly Counter<long> SyncFailures =
        Meter.CreateCounter<long>("pos.sync.failures", "{attempt}", "Sync attempts that failed (cloud away or refusing)");

    public static readonly Counter<long> SyncClockCorrections =
        Meter.CreateCounter<long>("pos.sync.clock_corrections", "{correction}", "Times the store learned the cloud's clock from a 401");
}
