using Pos.Grains.Printing;

namespace Pos.Appliance.Printing;

/// <summary>
/// Once the silo runs, activates every configured printer so tickets left queued or unconfirmed by an
/// earlier run go out without waiting for the next order.
/// </summary>
public sealed partial class PrintingStartup(IGrainFactory grains, TimeProvider time, ILogger<PrintingStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).StartPrinters();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(logger, e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the printers failed (attempt {Attempt}); trying again")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, int attempt);
}
