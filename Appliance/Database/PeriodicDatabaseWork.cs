using Pos.Grains.Clock;

namespace Pos.Appliance.Database;

/// <summary>
/// Housekeeping that runs on the store clock every <c>every</c>: skipped while the database is not ready, and a failed
/// run is only logged, since the next tick tries again and nothing is lost by waiting.
/// </summary>
public abstract class PeriodicDatabaseWork(PosDatabase database, StoreClock clock, TimeSpan every) : BackgroundService
{
    protected PosDatabase Database { get; } = database;

    protected StoreClock Clock { get; } = clock;

    /// <summary>One run of the work.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>A run failed (the database away, most likely).</summary>
    protected abstract void Failed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, Clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!Database.Ready)
                {
                    continue;
                }
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Failed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
