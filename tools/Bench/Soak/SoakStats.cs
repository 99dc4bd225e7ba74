namespace Pos.Bench.Soak;

/// <summary>
/// The latency of a set of paced commands, each from its due time to its answer (see <see cref="OpenLoopSchedule"/>),
/// failed ones included (their time was spent all the same); service = from sent to answered, for comparison.
/// </summary>
internal sealed record SoakLatency(int Count, int Failed, double P50Ms, double P99Ms, double MaxMs, int OverOneSecond, double ServiceP99Ms)
{
    public static SoakLatency Of(IReadOnlyCollection<PacedCommand> commands, long frequency)
    {
        double Ms(long ticks) => ticks * 1000.0 / frequency;
        var latency = LatencyStats.FromMilliseconds([.. commands.Select(c => Ms(c.Finished - c.Due))]);
        var service = LatencyStats.FromMilliseconds([.. commands.Select(c => Ms(c.Finished - c.Sent))]);
        return new SoakLatency(
            commands.Count,
            commands.Count(c => !c.Succeeded),
            latency.P50Ms,
            latency.P99Ms,
            latency.MaxMs,
            commands.Count(c => Ms(c.Finished - c.Due) > 1000),
            service.P99Ms);
    }

    /// <summary>The commands due in each whole minute from <paramref name="from"/>: one <see cref="SoakLatency"/> per minute.</summary>
    public static IReadOnlyList<SoakLatency> PerMinute(IReadOnlyCollection<PacedCommand> commands, long from, int minutes, long frequency)
    {
        var perMinute = 60 * frequency;
        return [.. Enumerable.Range(0, minutes)
            .Select(m => Of([.. commands.Where(c => c.Due >= from + (m * perMinute) && c.Due < from + ((m + 1) * perMinute))], frequency))];
    }
}

/// <summary>One target of the soak: what was measured against what was promised.</summary>
internal sealed record SoakVerdict(string Target, string Measured, bool Met)
{
    public string Word => Met ? "PASS" : "MISS";
}

/// <summary>Issue 16's soak targets, judged from one run's figures.</summary>
internal static class SoakTargets
{
    public const double MaxGrowthMb = 50;
    public const double OneSecondMs = 1000;

    /// <summary>The p99 a command may take: three times pgbench's p99 plus 5 ms.</summary>
    public static double P99TargetMs(double pgBenchP99Ms) => (3 * pgBenchP99Ms) + 5;

    public static IReadOnlyList<SoakVerdict> Judge(SoakLatency latency, double pgBenchP99Ms, long? rssStartBytes, long? rssEndBytes)
    {
        var target = P99TargetMs(pgBenchP99Ms);
        var growth = GrowthMb(rssStartBytes, rssEndBytes);
        return
        [
            new($"p99 under 3 x pgbench p99 + 5 ms = {Ms(target)} ms", $"{Ms(latency.P99Ms)} ms",
                latency.Count > 0 && !double.IsNaN(pgBenchP99Ms) && latency.P99Ms < target),
            new("no command over 1 s", $"{latency.OverOneSecond} over 1 s (max {Ms(latency.MaxMs)} ms)", latency.Count > 0 && latency.OverOneSecond == 0),
            new("no command failed", $"{latency.Failed} failed", latency.Failed == 0),
            new($"memory growth under {MaxGrowthMb:F0} MB (RSS, end - start)", growth is { } g ? $"{g:+0.0;-0.0} MB" : "not measured",
                growth is < MaxGrowthMb),
        ];
    }

    /// <summary>End minus start in MB (2^20 bytes); null when either was not read.</summary>
    public static double? GrowthMb(long? startBytes, long? endBytes) =>
        startBytes is { } a && endBytes is { } b ? (b - a) / 1048576.0 : null;

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
