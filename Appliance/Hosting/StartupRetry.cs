using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace Pos.Appliance.Hosting;

/// <summary>
/// The retry of a start-up step that needs the silo or the database (printing, the sample menu): tried until it
/// works or the appliance stops, with jittered exponential backoff from 1 s to 30 s on the host's clock. Each failure
/// goes to the failure callback (attempt number, seconds until the next) to be logged with its exception;
/// Polly's own lines about it go to debug, its metrics stay (under the pipeline's name).
/// </summary>
internal static class StartupRetry
{
    public static ResiliencePipeline Build(
        string name, TimeProvider time, ILoggerFactory loggers, Action<Exception, int, double> onFailure, CancellationToken stoppingToken) =>
        new ResiliencePipelineBuilder { Name = name, TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && !(e is OperationCanceledException && stoppingToken.IsCancellationRequested)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    onFailure(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .ConfigureTelemetry(new TelemetryOptions
            {
                LoggerFactory = loggers,
                SeverityProvider = static args => args.Event.Severity > ResilienceEventSeverity.Debug ? ResilienceEventSeverity.Debug : args.Event.Severity,
            })
            .Build();
}
