using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Pos.Grains.Clock;

namespace Pos.Grains.Printing;

/// <summary>How one attempt on a printer ended.</summary>
public enum PrinterAttempt
{
    /// <summary>The printer answered well and took every queued ticket.</summary>
    Done,

    /// <summary>Unreachable, a status other than online, or the link broke: tried again after a backoff.</summary>
    PrinterDown,

    /// <summary>A job's stream moved under the grain: the queue is read from the journal again before going on.</summary>
    Stale,
}

/// <summary>
/// The printer's retry: while a printer is down, attempts follow each other with exponential backoff from
/// <see cref="PrintingOptions.RetryMin"/>, capped at <see cref="PrintingOptions.RetryMax"/>, jittered so printers that
/// failed together do not retry together, and never give up (a ticket is never dropped). The waits run on the store
/// clock; Polly reports each attempt and retry (meter and log source "Polly", operation key = the printer id).
/// </summary>
public sealed class PrinterRetry(ResiliencePipeline<PrinterAttempt> pipeline)
{
    public const string PipelineName = "pos-printer";

    public PrinterRetry(PrintingOptions options, StoreClock clock, ILoggerFactory loggers)
        : this(Build(options, clock.Time, ProductionTelemetry(loggers)))
    {
    }

    public ResiliencePipeline<PrinterAttempt> Pipeline { get; } = pipeline;

    /// <summary>The pipeline; <paramref name="randomizer"/> replaces the jitter's random source (tests).</summary>
    public static ResiliencePipeline<PrinterAttempt> Build(
        PrintingOptions options, TimeProvider time, TelemetryOptions telemetry, Func<double>? randomizer = null)
    {
        var retry = new RetryStrategyOptions<PrinterAttempt>
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result == PrinterAttempt.PrinterDown),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryMin,
            MaxDelay = options.RetryMax,
            MaxRetryAttempts = int.MaxValue,
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }
        return new ResiliencePipelineBuilder<PrinterAttempt> { Name = PipelineName, TimeProvider = time }
            .AddRetry(retry)
            .ConfigureTelemetry(telemetry)
            .Build();
    }

    // The grain logs each failure with its reason; Polly's own lines about the same attempt go to debug, its
    // metrics are kept whatever the severity.
    private static TelemetryOptions ProductionTelemetry(ILoggerFactory loggers) => new()
    {
        LoggerFactory = loggers,
        SeverityProvider = static args => args.Event.Severity > ResilienceEventSeverity.Debug ? ResilienceEventSeverity.Debug : args.Event.Severity,
    };
}
