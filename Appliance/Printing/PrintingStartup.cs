using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Pos.Grains.Printing;

namespace Pos.Appliance.Printing;

/// <summary>
/// Once the silo runs, activates every configured printer so tickets left queued or unconfirmed by an
/// earlier run go out without waiting for the next order. Until the silo answers, it tries again after
/// 1, 2, 4 ... up to 30 s (Polly's retry, jittered, with its telemetry).
/// </summary>
public sealed partial class PrintingStartup(IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, ILogger<PrintingStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = new ResiliencePipelineBuilder { Name = "pos-printing-startup", TimeProvider = time }
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
                    LogStartFailed(logger, args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .ConfigureTelemetry(new TelemetryOptions
            {
                LoggerFactory = loggers,
                // Each failure is logged above with its exception; Polly's own lines about it go to debug, its metrics stay.
                SeverityProvider = static args => args.Event.Severity > ResilienceEventSeverity.Debug ? ResilienceEventSeverity.Debug : args.Event.Severity,
            })
            .Build();
        try
        {
            await retry.ExecuteAsync(
                async _ => await grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).StartPrinters(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the silo answered: the next start activates the printers.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the printers failed (attempt {Attempt}); trying again in {Seconds:0.#} s")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, int attempt, double seconds);
}
