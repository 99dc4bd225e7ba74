using System.Globalization;

namespace Pos.Bench.Soak;

/// <summary>A process's resident memory, from <c>/proc/PID/status</c>: now (VmRSS) and its peak (VmHWM).</summary>
internal sealed record ResidentMemory(long RssBytes, long PeakBytes)
{
    /// <summary>Reads <c>/proc/<paramref name="pid"/>/status</c>; null when the process is gone or the file says no size.</summary>
    public static ResidentMemory? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The VmRSS and VmHWM lines of a status file ("VmRSS:  123456 kB").</summary>
    public static ResidentMemory? Parse(string status)
    {
        long? Kb(string name)
        {
            foreach (var line in status.Split('\n'))
            {
                if (line.StartsWith(name + ":", StringComparison.Ordinal))
                {
                    var value = line[(name.Length + 1)..].Trim();
                    var space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                        ? kb * 1024
                        : null;
                }
            }

            return null;
        }

        return Kb("VmRSS") is { } rss ? new ResidentMemory(rss, Kb("VmHWM") ?? rss) : null;
    }
}

/// <summary>The machine's load average over the last minute, from <c>/proc/loadavg</c> (the machine is shared).</summary>
internal static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
