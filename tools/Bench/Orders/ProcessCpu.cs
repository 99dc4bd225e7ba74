using System.Globalization;

namespace Pos.Bench.Orders;

/// <summary>
/// CPU time a process has used so far (user + system), from <c>/proc/PID/stat</c>. Taken at both ends of a measured
/// window and divided by the requests answered in it, it gives the appliance's CPU per request: a figure that moves far
/// less with the machine's load than requests per second do.
/// </summary>
/// <summary>What a process used inside a window: CPU seconds (user + system) and context switches.</summary>
internal sealed record ProcessUse(double CpuSeconds, long ContextSwitches);

internal static class ProcessCpu
{
    // The kernel reports utime and stime in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used by <paramref name="pid"/>, or null when it cannot be read (not Linux, process gone).</summary>
    public static double? SecondsUsed(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>
    /// Context switches of all the process's threads so far (voluntary and not), from <c>/proc/PID/task/*/status</c>:
    /// on a virtual machine each costs far more than on bare metal, so thread hand-offs per request are worth seeing.
    /// Threads that ended meanwhile are not counted; a server's threads live long.
    /// </summary>
    public static long? ContextSwitches(int pid)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                            || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended while we read.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return total;
    }

    /// <summary>Reads the CPU used and the context switches at the window's start and end, waiting for each.</summary>
    public static async Task<ProcessUse?> DuringAsync(int pid, MeasuredWindow window, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(window.From, cancellationToken);
        var (cpuFrom, switchesFrom) = (SecondsUsed(pid), ContextSwitches(pid));
        await DelayUntilAsync(window.To, cancellationToken);
        var (cpuTo, switchesTo) = (SecondsUsed(pid), ContextSwitches(pid));
        return cpuFrom is { } a && cpuTo is { } b && switchesFrom is { } c && switchesTo is { } d ? new ProcessUse(b - a, d - c) : null;
    }

    private static Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
