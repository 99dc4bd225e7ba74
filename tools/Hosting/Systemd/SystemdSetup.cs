using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Pos.Hosting.Systemd;

/// <summary>
/// A host as a systemd Type=notify service: READY=1 once started and STOPPING=1 when stopping (the lifetime of
/// Microsoft.Extensions.Hosting.Systemd), and WATCHDOG=1 while <see cref="LivenessCheck"/> passes when the unit sets
/// WatchdogSec= (<see cref="SystemdWatchdog"/>). Outside systemd (no NOTIFY_SOCKET) nothing changes.
/// </summary>
public static class SystemdSetup
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    public static IServiceCollection AddPosSystemd(this IServiceCollection services, Func<IServiceProvider, LivenessCheck> liveness)
    {
        // Started by systemd: its lifetime and notifier, and log lines in journald's format.
        services.AddSystemd();
        if (Environment.GetEnvironmentVariable(NotifySocketVariable) is not { Length: > 0 })
        {
            return services;
        }
        // A notify socket from a parent that is not systemd itself (a test, a container's init): notify all the same.
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton<IHostLifetime, SystemdLifetime>();
        var every = WatchdogInterval.PingEvery(
            Environment.GetEnvironmentVariable(WatchdogInterval.UsecVariable), Environment.GetEnvironmentVariable(WatchdogInterval.PidVariable),
            Environment.ProcessId);
        if (every is { } interval)
        {
            services.AddHostedService(sp => new SystemdWatchdog(
                sp.GetRequiredService<ISystemdNotifier>(), sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System, liveness(sp), interval,
                sp.GetRequiredService<ILogger<SystemdWatchdog>>()));
        }
        return services;
    }
}
