using System.Globalization;
using System.Text;

namespace Pos.Bench.Orders;

/// <summary>One concurrency level: the appliance, the read floor with the same clients, and pgbench.</summary>
internal sealed record LevelResult(int Clients, LoadResult? Appliance, LoadResult? Floor, PgBenchResult PgBench)
{
    /// <summary>The appliance may spend up to three pgbench inserts plus 5 ms of its own on a durable command.</summary>
    public double P99TargetMs => (3 * PgBench.Latency.P99Ms) + 5;

    public double? Ratio => Appliance is null || PgBench.PerSecond == 0 ? null : Appliance.PerSecond / PgBench.PerSecond;

    /// <summary>The read floor over pgbench: below 1, no order command can reach pgbench with this client on this machine.</summary>
    public double? FloorRatio => Floor is null || PgBench.PerSecond == 0 ? null : Floor.PerSecond / PgBench.PerSecond;

    /// <summary>How much of the read floor an order command keeps: the cost of deciding and appending, machine speed aside.</summary>
    public double? OfFloor => Appliance is null || Floor is null || Floor.PerSecond == 0 ? null : Appliance.PerSecond / Floor.PerSecond;

    public bool? Met => Appliance is null
        ? null
        : Appliance.Latency.Count > 0 && Appliance.Errors == 0 && Appliance.Latency.P99Ms <= P99TargetMs;
}

internal sealed record RunInfo(BenchOptions Options, PostgresInfo Postgres, DateTimeOffset StartedAt);

internal static class Report
{
    private static readonly string[] Header =
    [
        "clients", "appliance cmd/s", "pgbench tx/s", "ratio (appliance/pgbench)", "appliance p50/p99 ms",
        "pgbench p50/p99 ms", "p99 target (3×pgbench p99 + 5 ms)", "met?",
        "read floor req/s", "read floor/pgbench", "appliance/read floor",
    ];

    public static void PrintTable(IReadOnlyList<LevelResult> levels)
    {
        var rows = Rows(levels);
        var widths = Header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => c.PadLeft(widths[i])));
        Console.WriteLine();
        Console.WriteLine(Line(Header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        rows.ForEach(r => Console.WriteLine(Line(r)));
        Console.WriteLine();
        foreach (var line in Verdicts(levels))
        {
            Console.WriteLine(line);
        }
    }

    public static string Markdown(RunInfo run, IReadOnlyList<LevelResult> levels)
    {
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine("# Orders benchmark: appliance vs pgbench").AppendLine();
        md.AppendLine(Invariant($"- date: {run.StartedAt:yyyy-MM-dd HH:mm:ss zzz}"));
        md.AppendLine(Invariant($"- machine: {Environment.ProcessorCount} CPUs (nproc), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        md.AppendLine(Invariant($"- PostgreSQL: {run.Postgres.Version}; synchronous_commit={run.Postgres.SynchronousCommit}, fsync={run.Postgres.Fsync} (pgbench sessions forced to synchronous_commit=on)"));
        md.AppendLine(o.PgOnly ? "- appliance: skipped (--pg-only)" : Invariant($"- appliance: {o.Url}, {o.WarmupSeconds} s warm-up, then {o.Seconds} s of `POST /api/v1/orders/{{orderId}}/lines` per level; one connection per client; a new takeout order every 20 lines"));
        md.AppendLine(Invariant($"- pgbench: `-n -c N -j min(N,2) -T {o.Seconds} -M prepared`, one `insert into bench_rows(order_id, payload jsonb)` per transaction"));
        md.AppendLine();
        md.AppendLine("| " + string.Join(" | ", Header) + " |");
        md.AppendLine("|" + string.Concat(Header.Select(_ => "---:|")));
        foreach (var row in Rows(levels))
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        if (levels.Any(l => l.Appliance?.CpuMicrosPerRequest is not null))
        {
            md.AppendLine().AppendLine("What the appliance process used per answered request inside the window (`/proc`; `--appliance-pid`):").AppendLine();
            md.AppendLine("| clients | CPU us per command | CPU us per read | context switches per command | per read |");
            md.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var l in levels)
            {
                md.AppendLine(Invariant($"| {l.Clients} | {l.Appliance?.CpuMicrosPerRequest:F0} | {l.Floor?.CpuMicrosPerRequest:F0} | {l.Appliance?.ContextSwitchesPerRequest:F2} | {l.Floor?.ContextSwitchesPerRequest:F2} |"));
            }
        }

        md.AppendLine();
        foreach (var line in Verdicts(levels))
        {
            md.AppendLine("- " + line);
        }

        return md.ToString();
    }

    private static List<string[]> Rows(IReadOnlyList<LevelResult> levels) =>
        levels.Select(l => new[]
        {
            Invariant($"{l.Clients}"),
            l.Appliance is null ? "-" : Invariant($"{l.Appliance.PerSecond:F0}"),
            Invariant($"{l.PgBench.PerSecond:F0}"),
            l.Ratio is { } ratio ? Invariant($"{ratio:F2}") : "-",
            l.Appliance is null ? "-" : Pair(l.Appliance.Latency),
            Pair(l.PgBench.Latency),
            Invariant($"{l.P99TargetMs:F1}"),
            l.Met switch { true => "yes", false => "NO", null => "n/a" },
            l.Floor is null ? "-" : Invariant($"{l.Floor.PerSecond:F0}"),
            l.FloorRatio is { } floorRatio ? Invariant($"{floorRatio:F2}") : "-",
            l.OfFloor is { } ofFloor ? Invariant($"{ofFloor:F2}") : "-",
        }).ToList();

    private static IEnumerable<string> Verdicts(IReadOnlyList<LevelResult> levels)
    {
        foreach (var l in levels)
        {
            if (l.PgBench.Failed > 0)
            {
                yield return Invariant($"{l.Clients} clients: pgbench logged {l.PgBench.Failed} failed transactions");
            }

            if (l.Appliance is { } a)
            {
                var verdict = l.Met == true ? "p99 target met" : a.Errors > 0 ? "P99 TARGET MISSED (errors)" : "P99 TARGET MISSED";
                yield return Invariant($"{l.Clients} clients: {verdict}: appliance p99 {a.Latency.P99Ms:F2} ms vs target {l.P99TargetMs:F2} ms, {a.Latency.Count} commands measured, {a.Errors} errors")
                    + (a.FirstError is null ? "" : $"; first error: {a.FirstError}");
                if (l.Clients == 32)
                {
                    yield return Invariant($"32 clients: throughput target (at least pgbench's tx/s) {(l.Ratio >= 1 ? "met" : "MISSED")}: ratio {l.Ratio:F2}");
                }
                if (l.Ratio < 1 && l.FloorRatio < 1)
                {
                    yield return Invariant($"{l.Clients} clients: pgbench's {l.PgBench.PerSecond:F0} tx/s is above the read floor of {l.Floor!.PerSecond:F0} req/s: the appliance cannot even read an order that fast with this client on this machine, so no command that also decides and commits can");
                }
            }
        }

        yield return "met? = the appliance's p99 is within the target and it answered no request with an error.";
        yield return "read floor = the same clients reading one ten-line order (GET /api/v1/orders/{orderId}: authentication, routing, the grain call and the order's JSON, no database) right after the appliance's run.";
    }

    private static string Pair(LatencyStats stats) =>
        stats.Count == 0 ? "-" : Invariant($"{stats.P50Ms:F2} / {stats.P99Ms:F2}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
