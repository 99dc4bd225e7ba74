using System.Diagnostics.Metrics;

namespace Pos.Grains.Printing;

/// <summary>Printing metrics: queue depth per printer, time to print, failures, unexpected errors.</summary>
public static class PrintingTelemetry
{
    public const string Name = "Pos.Printing";
    private static readonly Meter Meter = new(Name);

    /// <summary>Jobs added to and taken from printer queues; the sum per printer is its queue depth.</summary>
    public static readonly UpDownCounter<int> QueueDepth =
        Meter.CreateUpDownCounter<int>("pos.printing.queue.depth", "{job}", "Print jobs waiting per printer");

    /// <summary>From the job being queued to the printer's confirmation.</summary>
    public static readonly Histogram<double> PrintLatency =
        Meter.CreateHistogram<double>("pos.printing.print.duration", "ms", "Time from queueing a ticket to its confirmation");

    public static readonly Counter<long> Printed = Meter.CreateCounter<long>("pos.printing.printed", "{job}", "Tickets confirmed by a printer");

    /// <summary>Attempts that failed, by reason: unreachable, status, link, journal, unexpected.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("pos.printing.failures", "{attempt}", "Print attempts that failed");

    /// <summary>Fired or voided lines whose station has no printer: nothing prints for them.</summary>
    public static readonly Counter<long> Unrouted =
        Meter.CreateCounter<long>("pos.printing.unrouted", "{line}", "Lines fired to a station without a printer");

    /// <summary>
    /// Exceptions the printer grain did not expect (not a printer or journal outage: a bug), by exception type; each is
    /// logged with its stack.
    /// </summary>
    public static readonly Counter<long> UnexpectedErrors =
        Meter.CreateCounter<long>("pos.printing.unexpected_errors", "{error}", "Unexpected exceptions in the printer loop");

    public static readonly Counter<long> FailedOver = Meter.CreateCounter<long>("pos.printing.failovers", "{job}", "Jobs moved to a backup printer");
}
