using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Pos.Bench.Printing;

/// <summary>Both sides of one printing run, and what the appliance said about its printers afterwards.</summary>
internal sealed record PrintingRun(
    PrintingOptions Options,
    DateTimeOffset StartedAt,
    FireResult Appliance,
    FireResult Baseline,
    IReadOnlyList<PrinterHealth> Printers,
    long WarmupLost)
{
    public const double P99TargetMs = 50;

    /// <summary>Every ticket arrived exactly once, on both sides, warm-up included.</summary>
    public bool Correct => WarmupLost + Appliance.Missing + Appliance.Duplicates + Baseline.Missing + Baseline.Duplicates == 0;

    public bool Met => Correct && Appliance.Errors == 0 && Appliance.Latency.Count > 0 && Appliance.Latency.P99Ms < P99TargetMs;
}

/// <summary>The printing benchmark's table, on the console and as Markdown.</summary>
internal static class PrintingReport
{
    private static readonly string[] Header =
    [
        "side", "orders", "tickets/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "lost", "duplicated", "failed requests",
    ];

    public static void PrintTable(PrintingRun run)
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

    public static string Markdown(PrintingRun run)
    {
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine("# Fire-to-ticket benchmark: appliance vs raw TCP to the printer").AppendLine();
        md.AppendLine(Invariant($"- date: {run.StartedAt:yyyy-MM-dd HH:mm:ss zzz}"));
        md.AppendLine(Invariant($"- machine: {Environment.ProcessorCount} CPUs (nproc), {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        md.AppendLine(Invariant($"- appliance: {o.Url}; {o.Clients} clients, each one order at a time: open a takeout order, add a kitchen line and a bar line (not timed), `POST /api/v1/orders/{{orderId}}/fire`, wait for both tickets; {o.Warmup} warm-up orders, then {o.Orders} measured"));
        md.AppendLine(Invariant($"- baseline: the same clients write a kitchen and a bar ticket (`TicketRenderer.Render`, ending in a GS ( H process-ID request) straight to two virtual printers over raw TCP and wait for both process-ID answers; {o.Warmup} warm-up orders, then {o.Orders} measured"));
        md.AppendLine("- latency: from just before the fire request (baseline: the writes) to the last byte (the cut) of the order's later ticket at the virtual printer; two printers (kitchen, bar) in the benchmark's process on 127.0.0.1");
        md.AppendLine("- tickets/s: measured tickets over the span from the first measured fire to the last measured ticket (the appliance side includes opening orders and adding lines)");
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

    private static List<string[]> Rows(PrintingRun run)
    {
        var (a, b) = (run.Appliance, run.Baseline);
        return
        [
            Row(a),
            Row(b),
            [
                "ratio appliance/baseline", "", Ratio(a.TicketsPerSecond, b.TicketsPerSecond),
                Ratio(a.Latency.P50Ms, b.Latency.P50Ms), Ratio(a.Latency.P90Ms, b.Latency.P90Ms),
                Ratio(a.Latency.P99Ms, b.Latency.P99Ms), Ratio(a.Latency.MaxMs, b.Latency.MaxMs), "", "", "",
            ],
        ];
    }

    private static string[] Row(FireResult r) =>
    [
        r.Side,
        Invariant($"{r.Latency.Count}"),
        Invariant($"{r.TicketsPerSecond:F0}"),
        Ms(r.Latency.P50Ms),
        Ms(r.Latency.P90Ms),
        Ms(r.Latency.P99Ms),
        Ms(r.Latency.MaxMs),
        Invariant($"{r.Missing}"),
        Invariant($"{r.Duplicates}"),
        Invariant($"{r.FailedRequests}"),
    ];

    private static IEnumerable<string> Verdicts(PrintingRun run)
    {
        var a = run.Appliance;
        var verdict = run.Met ? "target met" : run.Correct ? "TARGET MISSED" : "TARGET MISSED (tickets lost or printed twice)";
        yield return Invariant($"{verdict}: appliance p99 {a.Latency.P99Ms:F2} ms vs target {PrintingRun.P99TargetMs:F0} ms over {a.Latency.Count} fired orders (2 tickets each), {a.Errors} errors");
        if (a.FireAnswered is { Count: > 0 } fire)
        {
            yield return Invariant($"the fire request itself was answered in p50 {fire.P50Ms:F2} / p99 {fire.P99Ms:F2} ms (its commit queues the print jobs; the printer grains send them after)");
        }

        if (run.WarmupLost > 0)
        {
            yield return Invariant($"the warm-ups lost the tickets of {run.WarmupLost} order(s)");
        }

        foreach (var side in new[] { run.Appliance, run.Baseline })
        {
            if (side.Stray > 0)
            {
                yield return Invariant($"{side.Side}: {side.Stray} ticket(s) for orders this run did not fire (left over from an earlier run?)");
            }

            foreach (var problem in side.Problems)
            {
                yield return $"{side.Side}: {problem}";
            }
        }

        foreach (var p in run.Printers.Where(p => p.QueueDepth > 0 || p.LastError is not null || p.Status != "online"))
        {
            yield return Invariant($"printer {p.PrinterId} after the run: {p.Status}, {p.QueueDepth} queued, last error: {p.LastError ?? "none"}");
        }

        yield return "met = appliance p99 under 50 ms, no request failed, and every ticket arrived exactly once.";
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : Invariant($"{value:F2}");

    private static string Ratio(double appliance, double baseline) =>
        baseline > 0 && !double.IsNaN(appliance) ? Invariant($"{appliance / baseline:F2}") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
