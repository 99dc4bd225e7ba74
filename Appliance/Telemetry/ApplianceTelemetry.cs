using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pos.Appliance.Telemetry;

/// <summary>The host's own traces and metrics: the journal's group commits.</summary>
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
}
