using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pos.Api.Telemetry;

/// <summary>The API's own traces and metrics: commands handled and how long they took.</summary>
public static class ApiTelemetry
{
    public const string Name = "Pos.Api";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Commands handled; rate() of it is commands per second.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("pos.commands", "{command}", "Order commands handled");

    public static readonly Histogram<double> CommandDuration =
        Meter.CreateHistogram<double>("pos.command.duration", "ms", "Time from a command reaching the API to its durable answer");

    /// <summary>Failures that are bugs (neither the request's fault nor an outage), by where they happened.</summary>
    public static readonly Counter<long> Unexpected = Meter.CreateCounter<long>("pos.unexpected_errors", "{error}", "Unexpected errors: bugs, logged with their stack");

    /// <summary>Event streams (GET /api/v1/events) open now.</summary>
    public static readonly UpDownCounter<long> EventStreams = Meter.CreateUpDownCounter<long>("pos.event_streams", "{stream}", "Event streams open");

    /// <summary>Writes refused because their device wrote too fast (429 too-many-writes).</summary>
    public static readonly Counter<long> WritesLimited = Meter.CreateCounter<long>("pos.writes_limited", "{request}", "Writes refused: their device wrote too fast");

    public static void RecordUnexpected(string where) => Unexpected.Add(1, new KeyValuePair<string, object?>("where", where));

    public static void RecordCommand(string command, string? errorCode, TimeSpan elapsed)
    {
        var tags = new TagList { { "command", command }, { "outcome", errorCode ?? "ok" } };
        Commands.Add(1, tags);
        CommandDuration.Record(elapsed.TotalMilliseconds, tags);
    }
}
