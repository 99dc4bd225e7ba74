using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Pos.Hosting.Systemd;

/// <summary>
/// Whether the host can still do its work (e.g. its database answers); throws, or is cancelled at its deadline, when not.
/// </summary>
public delegate Task LivenessCheck(CancellationToken cancellationToken);

/// <summary>
/// Sends systemd WATCHDOG=1 every <c>interval</c> (half of WatchdogSec=) from the moment the host has started, but only
/// after <see cref="LivenessCheck"/> passed within half the interval: a process that is wedged (its thread pool
/// starved, its connection pool exhausted, its database unreachable) stops pinging, and systemd kills and restarts it
/// (Restart=always) when WatchdogSec= passes without a ping.
/// </summary>
public sealed partial class SystemdWatchdog(
    ISystemdNotifier notifier, IHostApplicationLifetime lifetime, TimeProvider time, LivenessCheck check, TimeSpan interval,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // systemd counts from READY=1, which the lifetime sends when the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        LogWatching(logger, interval.TotalSeconds);
        var failing = false;
        using var timer = new PeriodicTimer(interval, time);
        // The first ping one interval after READY=1 (systemd's count starts there), then one each interval.
        while (await Next(timer, stoppingToken))
        {
            var failure = await CheckAsync(stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (failure is null)
            {
                notifier.Notify(Ping);
                if (failing)
                {
                    LogAliveAgain(logger);
                }
                failing = false;
            }
            else if (!failing)
            {
                // Once per streak: systemd says the rest when it restarts the service.
                LogNotAlive(logger, failure);
                failing = true;
            }
        }
    }

    private async Task<string?> CheckAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(interval / 2, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await check(deadline.Token).WaitAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {(interval / 2).TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
        catch (OperationCanceledException)
        {
            return "stopping";
        }
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog: a ping every {Seconds} s while the host is alive")]
    private static partial void LogWatching(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "systemd watchdog: not pinging, the liveness check failed ({Failure}); systemd restarts the service if this lasts past WatchdogSec")]
    private static partial void LogNotAlive(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog: the liveness check passes again, pinging")]
    private static partial void LogAliveAgain(ILogger logger);
}
