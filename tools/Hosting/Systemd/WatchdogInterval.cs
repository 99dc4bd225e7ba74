using System.Globalization;

namespace Pos.Hosting.Systemd;

/// <summary>
/// How often to tell systemd the process is alive: half the WatchdogSec= it gave (WATCHDOG_USEC, in microseconds),
/// as sd_watchdog_enabled(3) advises, and only when the watchdog is this process's (WATCHDOG_PID absent or ours).
/// </summary>
public static class WatchdogInterval
{
    public const string UsecVariable = "WATCHDOG_USEC";
    public const string PidVariable = "WATCHDOG_PID";

    /// <summary>Half the watchdog's timeout, or null when no watchdog is set for <paramref name="processId"/>.</summary>
    public static TimeSpan? PingEvery(string? usec, string? pid, int processId)
    {
        if (!ulong.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micro) || micro == 0)
        {
            return null;
        }
        if (pid is { Length: > 0 } && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != processId))
        {
            return null;
        }
        return TimeSpan.FromTicks((long)Math.Min(micro * 10 / 2, (ulong)TimeSpan.MaxValue.Ticks));
    }
}
