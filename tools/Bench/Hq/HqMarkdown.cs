using System.Globalization;
using System.Text;
using Pos.Bench.Cloud;

namespace Pos.Bench.Hq;

/// <summary>Everything one run of the HQ benchmark measured.</summary>
internal sealed record HqRun(
    HqOptions Options, DateTimeOffset StartedAt, string Postgres, int DayEvents, int OlderOrdersPerDay, CopyResult Copy,
    IReadOnlyList<IngestResult> First, IReadOnlyList<IngestResult> Second, OlderEvents.Loaded Older,
    IReadOnlyList<ReportTiming> EmptyReports, IReadOnlyList<ReportTiming> FullReports, IReadOnlyList<string> Problems)
{
    public static double Rate(IReadOnlyList<IngestResult> slices) =>
        slices.Sum(s => s.Events) / Math.Max(1e-9, slices.Sum(s => s.Elapsed.TotalSeconds));

    public static string PerSilo(IReadOnlyList<IngestResult> slices)
    {
        var seconds = Math.Max(1e-9, slices.Sum(s => s.Elapsed.TotalSeconds));
        var silos = slices[0].EventsPerSilo.Count;
        return string.Join(" + ", Enumerable.Range(0, silos).Select(i => (slices.Sum(s => s.EventsPerSilo[i]) / seconds).ToString("F0", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Each slice of round 2 against the same slice of round 1: the same part of every store's day, since a date's later
    /// batches cost more than its first ones whatever the journal holds (its figures and report have grown). Comparing
    /// round 2's last slice with round 1's second, as earlier runs did, counted that growth of the day as a decline.
    /// </summary>
    public IReadOnlyList<double> SliceRatios => [.. Second.Zip(First, (second, first) => second.EventsPerSecond / first.EventsPerSecond)];

    /// <summary>The slowest of <see cref="SliceRatios"/>: below 1 when ingest slowed as the journal grew.</summary>
    public double Kept => SliceRatios.Min();
}

/// <summary>The HQ benchmark's results, on the console and as Markdown for docs/BENCHMARKS.md.</summary>
internal static class HqMarkdown
{
    public static void Print(HqRun run)
    {
        Console.WriteLine();
        Console.WriteLine(Of(run));
    }

    public static string Of(HqRun run)
    {
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine(Invariant($"{run.StartedAt:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores, {run.Postgres}, {o.Urls.Count} silo(s)."));
        md.AppendLine(Invariant($"{o.Stores} stores, {o.OrdersPerStore} orders a day each ({run.DayEvents} events a store-day, seal included), batches of {o.Batch}; ")
            + Invariant($"older events: {run.Older.Events:N0} over {o.OlderDays} earlier dates ({run.OlderOrdersPerDay} orders a store-day), loaded by COPY in {run.Older.Elapsed.TotalSeconds:F0} s."));
        md.AppendLine();
        md.AppendLine("| ingest | cloud holds before | events/s | per silo events/s | COPY events/s | ratio | first / last slice events/s |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(md, run, "round 1 (one day)", 0, run.First);
        Row(md, run, "round 2 (the next day)", run.Older.Events + (long)o.Stores * run.DayEvents, run.Second);
        md.AppendLine();
        md.AppendLine("As the journal grew: each slice of round 2 against the same slice of round 1 (the same part of every store's day), "
            + string.Join(" / ", run.SliceRatios.Select(r => Invariant($"{r:F2}x")))
            + Invariant($"; the whole round {HqRun.Rate(run.Second) / HqRun.Rate(run.First):F2}x; the slowest {run.Kept:F2}x; target: at least 0.80x (no decline of more than 20 %)."));
        md.AppendLine();
        md.AppendLine(Invariant($"| report (median of {o.Runs}) | empty cloud ms | with {run.Older.Events:N0} older events ms | ratio | first ask, empty / with older ms |"));
        md.AppendLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < run.EmptyReports.Count; i++)
        {
            var (empty, full) = (run.EmptyReports[i], run.FullReports[i]);
            md.AppendLine(Invariant($"| {empty.Name} | {empty.MedianMs:F1} | {full.MedianMs:F1} | {full.MedianMs / empty.MedianMs:F2} | {empty.FirstMs:F0} / {full.FirstMs:F0} |"));
        }
        md.AppendLine();
        var daily = run.FullReports[0].MedianMs;
        md.AppendLine(Invariant($"Targets: all-store daily report under 100 ms ({run.EmptyReports[0].MedianMs:F0} ms empty, {daily:F0} ms with the older events), ")
            + Invariant($"within 1.5x with them ({daily / run.EmptyReports[0].MedianMs:F2}x); 30 days of the chain under 1 s ({run.FullReports[1].MedianMs:F0} ms); ")
            + Invariant($"ingest at least 0.3 of COPY ({HqRun.Rate(run.First) / run.Copy.EventsPerSecond:F2} and {HqRun.Rate(run.Second) / run.Copy.EventsPerSecond:F2})."));
        md.AppendLine();
        md.AppendLine(run.Problems.Count == 0
            ? "Checked: every store holds every event it sent once, its checkpoint at its last seq, and the measured date's report has every store complete with every order closed."
            : $"PROBLEMS: {string.Join("; ", run.Problems.Take(10))}");
        return md.ToString();
    }

    private static void Row(StringBuilder md, HqRun run, string name, long before, IReadOnlyList<IngestResult> slices)
    {
        var rate = HqRun.Rate(slices);
        md.AppendLine(Invariant($"| {name} | {before:N0} | {rate:F0} | {HqRun.PerSilo(slices)} | {run.Copy.EventsPerSecond:F0} | {rate / run.Copy.EventsPerSecond:F2} | {slices[0].EventsPerSecond:F0} / {slices[^1].EventsPerSecond:F0} |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
