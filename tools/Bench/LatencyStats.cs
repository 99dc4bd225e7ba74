using System.Diagnostics;

namespace Pos.Bench;

/// <summary>Nearest-rank percentiles of one run's successful requests.</summary>
internal sealed record LatencyStats(int Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencyStats Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencyStats FromStopwatchTicks(IEnumerable<long> ticks) =>
        FromMilliseconds(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).ToList());

    public static LatencyStats FromMilliseconds(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }

        samples.Sort();
        return new LatencyStats(samples.Count, Percentile(samples, 0.50), Percentile(samples, 0.90), Percentile(samples, 0.99), samples[^1]);
    }

    private static double Percentile(List<double> sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
