using Polly;
using Pos.Appliance.Hosting;

namespace Pos.Appliance.Menu;

/// <summary>
/// Once the silo answers, loads the menu file POS_SAMPLE_MENU names into a store that has no menu yet
/// (<see cref="SampleMenu"/>). Until the silo and the database answer, it tries again after 1, 2, 4 ... up to 30 s.
/// A menu file that cannot be read is said once as an error; the appliance serves on without a menu.
/// <see cref="Outcome"/> tells what was done, for whoever waits for it (the tests).
/// </summary>
public sealed partial class SampleMenuStartup(
    PosSettings settings, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, ILogger<SampleMenuStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource<SampleMenuOutcome?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the start did with the menu file: loaded it, or kept the store's menu; null when the file was refused.</summary>
    public Task<SampleMenuOutcome?> Outcome => _outcome.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SampleMenu is not { } path)
        {
            _outcome.TrySetResult(null);
            return;
        }
        try
        {
            var menu = SampleMenu.Read(path);
            var outcome = await Retry(stoppingToken).ExecuteAsync(async _ => await SampleMenu.LoadAsync(grains, menu), stoppingToken);
            if (outcome.Loaded)
            {
                LogLoaded(logger, outcome.Items, path);
            }
            else
            {
                LogKept(logger, outcome.Version);
            }
            _outcome.TrySetResult(outcome);
        }
        catch (FormatException e)
        {
            LogRefused(logger, e.Message);
            _outcome.TrySetResult(null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _outcome.TrySetCanceled(stoppingToken); // stopping before the silo answered: the next start loads it
        }
    }

    private ResiliencePipeline Retry(CancellationToken stoppingToken) => StartupRetry.Build(
        "pos-sample-menu", time, loggers, (e, attempt, seconds) => LogLoadFailed(logger, e, attempt, seconds), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store had no menu: loaded the sample menu of {Items} items from {Path} (PUT /api/v1/menu replaces it)")]
    private static partial void LogLoaded(ILogger logger, int items, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The store has a menu (version {Version}); the sample menu is not loaded")]
    private static partial void LogKept(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sample menu (POS_SAMPLE_MENU) was not loaded: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the sample menu failed (attempt {Attempt}); trying again in {Seconds:0.#} s")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, int attempt, double seconds);
}
