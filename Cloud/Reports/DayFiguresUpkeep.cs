using Pos.Cloud.Database;

namespace Pos.Cloud.Reports;

/// <summary>
/// The figures' housekeeping in every silo: at start, folds the store dates counted but not yet folded (journals
/// stored before the figures were kept); then, when <see cref="RawEventRetention.DaysVariable"/> is set, deletes the
/// raw events of complete dates older than that, once at start and every <see cref="SweepEvery"/>. Several silos
/// doing it at once is safe: each store date is done under its store's row lock and checked again there.
/// </summary>
public sealed partial class DayFiguresUpkeep(CloudDatabase database, TimeProvider time, RawEventDays days, ILogger<DayFiguresUpkeep> logger)
    : BackgroundService
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Hosted services start in order: the database (CloudDatabaseStartup) is migrated before this one starts.
            var folded = await new ProjectionRebuild(database.DataSource).FoldPendingAsync(stoppingToken);
            if (folded > 0)
            {
                LogFolded(folded);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Nothing is lost: the reports fold unfolded rows themselves, and the next start tries again.
            LogFailed("folding the figures still to be folded", e);
        }
        if (days.Days is not { } keep)
        {
            return;
        }
        using var timer = new PeriodicTimer(SweepEvery, time);
        try
        {
            do
            {
                try
                {
                    var before = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-keep);
                    var deleted = await new RawEventRetention(database.DataSource).SweepAsync(before, stoppingToken);
                    if (deleted > 0)
                    {
                        LogDeleted(deleted, before);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed("deleting old raw events", e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Folded the figures of {Count} store dates stored before the figures were kept")]
    private partial void LogFolded(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the raw events of {Count} sealed, complete store dates before {Before:yyyy-MM-dd}; their figures are kept")]
    private partial void LogDeleted(int count, DateOnly before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The figures' upkeep failed {Doing}; it tries again later")]
    private partial void LogFailed(string doing, Exception exception);
}

/// <summary>How many days back the cloud keeps raw events (<see cref="RawEventRetention.DaysVariable"/>); null: forever.</summary>
public sealed record RawEventDays(int? Days);
