using Pos.Appliance.Hosting;
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
        var retry = StartupRetry.Build(
            "pos-printing-startup", time, loggers, (e, attempt, seconds) => LogStartFailed(logger, e, attempt, seconds), stoppingToken);
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
