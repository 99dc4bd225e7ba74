using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Pos.Bench.Cloud;

/// <summary>Both sides of one cloud run and what the check found.</summary>
internal sealed record CloudRun(
    CloudOptions Options, DateTimeOffset StartedAt, string Postgres, double AverageDataBytes, IngestResult Ingest, CopyResult Copy,
    IReadOnlyList<string> Problems)
{
    public const double RatioTarget = 0.3;

    public double Ratio => Copy.EventsPerSecond > 0 ? Ingest.EventsPerSecond / Copy.EventsPerSecond : 0;

    /// <summary>The cloud holds every sent event exactly once and every checkpoint is at the store's last seq.</summary>
    public bool Correct => Problems.Count == 0;

    public bool Met => Correct && Ratio >= RatioTarget;
}

/// <summary>The cloud benchmark's table, on the console and as Markdown.</summary>
internal static class CloudReport
{
    private static readonly string[] Header = ["side", "events", "seconds", "events/s", "requests", "p50 ms", "p99 ms", "max ms", "retries"];

    public static void Print(CloudRun run)
    {
        var rows = Rows(run);
        var widths = Header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        Console.WriteLine();
        Console.WriteLine(Line(Header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        rows.ForEach(r => Console.WriteLine(Line(r)));
        Console.WriteLine();
        foreach (var line in Verdicts(run))
        {
            Console.WriteLine(line);
        }
    }

    public static string Markdown(CloudRun run)
    {
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine("# Cloud ingest benchmark: signed journal batches from many stores vs binary COPY").AppendLine();
        md.AppendLine(Invariant($"- date: {run.StartedAt:yyyy-MM-dd HH:mm:ss zzz}"));
        md.AppendLine(Invariant($"- machine: {Environment.ProcessorCount} CPUs (nproc), {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        md.AppendLine($"- database: {run.Postgres}");
        md.AppendLine(Invariant($"- load: {o.Stores} stores at once, {o.EventsPerStore} measured events each after {o.Warmup} warm-up events, batches of {o.Batch}; event data {run.AverageDataBytes:F0} bytes on average"));
        md.AppendLine(Invariant($"- ingest: `POST /cloud/v1/stores/{{storeId}}/journal`, signed, each store one batch at a time, store i through silo i mod {o.SiloUrls.Count} ({string.Join(", ", o.SiloUrls)})"));
        md.AppendLine("- baseline: the same rows by binary COPY (Npgsql `BeginBinaryImport`) into a copy of store_journal (`like store_journal including all`), one COPY per batch, one connection per store, all at once");
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", Header) + " |");
        md.AppendLine("|:---|" + string.Concat(Header.Skip(1).Select(_ => "---:|")));
        foreach (var row in Rows(run))
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        md.AppendLine();
        foreach (var line in Verdicts(run))
        {
            md.AppendLine("- " + line);
        }

        return md.ToString();
    }

    private static List<string[]> Rows(CloudRun run)
    {
        var (i, c) = (run.Ingest, run.Copy);
        var seconds = i.Elapsed.TotalSeconds;
        List<string[]> rows =
        [
            [
                Invariant($"cloud ingest ({i.EventsPerSilo.Count} silo{(i.EventsPerSilo.Count == 1 ? "" : "s")})"),
                Invariant($"{i.Events}"), Invariant($"{seconds:F2}"), Invariant($"{i.EventsPerSecond:F0}"), Invariant($"{i.Batches}"),
                Ms(i.BatchLatency.P50Ms), Ms(i.BatchLatency.P99Ms), Ms(i.BatchLatency.MaxMs), Invariant($"{i.Retries}"),
            ],
        ];
        if (i.EventsPerSilo.Count > 1)
        {
            rows.AddRange(i.EventsPerSilo.Select((events, n) => new[]
            {
                Invariant($"  through silo {n + 1}"), Invariant($"{events}"), "", Invariant($"{(seconds > 0 ? events / seconds : 0):F0}"),
                "", "", "", "", "",
            }));
        }

        rows.Add(
        [
            "binary COPY", Invariant($"{c.Events}"), Invariant($"{c.Elapsed.TotalSeconds:F2}"), Invariant($"{c.EventsPerSecond:F0}"),
            Invariant($"{c.Copies}"), Ms(c.CopyLatency.P50Ms), Ms(c.CopyLatency.P99Ms), Ms(c.CopyLatency.MaxMs), "",
        ]);
        rows.Add(["ratio ingest/COPY", "", "", Invariant($"{run.Ratio:F2}"), "", "", "", "", ""]);
        return rows;
    }

    private static IEnumerable<string> Verdicts(CloudRun run)
    {
        var verdict = run.Met ? "target met" : run.Correct ? "TARGET MISSED" : "TARGET MISSED (the cloud does not hold every event exactly once)";
        yield return Invariant($"{verdict}: ingest {run.Ingest.EventsPerSecond:F0} events/s is {run.Ratio:F2} x binary COPY's {run.Copy.EventsPerSecond:F0} rows/s (target {CloudRun.RatioTarget:F1})");
        foreach (var problem in run.Problems)
        {
            yield return $"check: {problem}";
        }

        foreach (var problem in run.Ingest.Problems.Take(10))
        {
            yield return $"ingest: {problem}";
        }

        yield return run.Correct
            ? Invariant($"checked in the cloud's database: {run.Options.Stores} stores x {run.Options.Warmup + run.Options.EventsPerStore} events, each once at its seq with its eventId, every acked_seq at the last seq")
            : "met = ingest at least 0.3 x COPY, and the cloud holds every sent event exactly once with every checkpoint at the last seq.";
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : Invariant($"{value:F1}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
