using System.Globalization;

namespace Pos.Bench.Orders;

/// <summary>What a process used inside a window: CPU seconds (user + system) and context switches.</summary>
internal sealed record ProcessUse(double CpuSeconds, long ContextSwitches);

/// <summary>
/// What the appliance process has used so far: CPU time and context switches. Taken at both ends of a measured window
/// and divided by the requests answered in it, they give the appliance's cost per request: figures that move far less
/// with the machine's load than requests per second do.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Seconds of CPU (user + system) used by <paramref name="pid"/>, or null when it cannot be read (the process is gone).</summary>
    public static double? SecondsUsed(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Context switches of all the process's threads so far (voluntary and not), from <c>/proc/PID/task/*/status</c>:
    /// on a virtual machine each costs far more than on bare metal, so thread hand-offs per request are worth seeing.
    /// Threads that ended inside the window take their switches with them (the figure is then a little low); a
    /// server's threads live long.
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
