using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pos.Bench.Orders;
using Pos.Bench.Printing;

namespace Pos.Bench.Soak;

/// <summary>Whether the cloud caught up with the journal after the load, and how long that took.</summary>
internal sealed record SyncOutcome(long Head, long Acked, TimeSpan Waited)
{
    public bool CaughtUp => Head >= 0 && Acked >= Head;
}

/// <summary>The tickets of the orders fired during the whole run (warm-up included).</summary>
internal sealed record SoakTicketCount(int Fired, int Printed, long Duplicates, long Stray, LatencyStats FireToTicket, IReadOnlyList<string> Problems)
{
    public int Missing => Fired - Printed;
}

/// <summary>One soak's figures.</summary>
internal sealed record SoakResult(
    SoakOptions Options,
    DateTimeOffset StartedAt,
    PostgresInfo Postgres,
    SoakLoad Load,
    PgBenchResult Before,
    PgBenchResult After,
    IReadOnlyList<PrinterHealth> Printers,
    SoakTicketCount Tickets,
    SyncOutcome Sync,
    ResidentMemory? AfterSettle,
    ManagedHeap? AfterSettleHeap,
    double? CpuSeconds)
{
    public SoakLatency Latency { get; } = SoakLatency.Of(Load.Measured, Stopwatch.Frequency);

    /// <summary>pgbench's p99 the target is taken from: the mean of the runs before and after the soak (either alone if the other failed).</summary>
    public double PgBenchP99Ms => PgBenchP99(Before, After);

    public bool Correct => Tickets.Missing == 0 && Tickets.Duplicates == 0 && Sync.CaughtUp;

    public IReadOnlyList<SoakVerdict> Verdicts => SoakTargets.Judge(
        Latency, PgBenchP99Ms, Load.Samples.FirstOrDefault()?.Memory?.RssBytes, Load.Samples.LastOrDefault()?.Memory?.RssBytes);

    public static double PgBenchP99(PgBenchResult before, PgBenchResult after)
    {
        var runs = new[] { before, after }.Where(r => r.Error is null && r.Latency.Count > 0).Select(r => r.Latency.P99Ms).ToList();
        return runs.Count == 0 ? double.NaN : runs.Average();
    }

    public static SoakTicketCount TicketsOf(SoakTickets tickets)
    {
        var fired = tickets.Fired;
        var printed = fired.Where(f => f.Order.Printed.IsCompletedSuccessfully).ToList();
        return new SoakTicketCount(
            fired.Count,
            printed.Count,
            tickets.Tracker.Duplicates,
            tickets.Tracker.Stray,
            LatencyStats.FromStopwatchTicks(printed.Select(p => p.Order.Printed.Result - p.FiredAt)),
            [.. tickets.Problems, .. tickets.Tracker.DuplicateExamples]);
    }
}

internal static class SoakReport
{
    public static void Print(SoakResult run)
    {
        Console.WriteLine();
        Console.Write(Markdown(run));
    }

    public static string SampleLine(SoakSample s) => Invariant(
        $"  minute {s.Minute}: RSS {Mb(s.Memory?.RssBytes)} MB, GC heap {Num(s.Heap?.HeapMb)} MB (gen2 {Num(s.Heap?.Gen2Mb)}, LOH {Num(s.Heap?.LohMb)}), sync pending {s.SyncPending?.ToString(CultureInfo.InvariantCulture) ?? "-"} events, load {Num(s.Load, "F2")}");

    public static string Markdown(SoakResult run)
    {
        var o = run.Options;
        var l = run.Latency;
        var samples = run.Load.Samples;
        var loads = samples.Select(s => s.Load).OfType<double>().ToList();
        var md = new StringBuilder();
        md.AppendLine(Invariant($"# Soak: {o.Minutes} min at {o.Rate} commands/s, printing and sync on")).AppendLine();
        md.AppendLine(Invariant($"- date: {run.StartedAt:yyyy-MM-dd HH:mm zzz}; machine: {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; PostgreSQL {run.Postgres.Version} (synchronous_commit={run.Postgres.SynchronousCommit}, fsync={run.Postgres.Fsync})"));
        md.AppendLine(Invariant($"- machine load average (1 min) at the minute marks: min {Num(loads.DefaultIfEmpty(double.NaN).Min(), "F2")}, mean {Num(loads.DefaultIfEmpty(double.NaN).Average(), "F2")}, max {Num(loads.DefaultIfEmpty(double.NaN).Max(), "F2")}"));
        md.AppendLine(Invariant($"- load: {o.Devices} devices (one connection each) taking whole takeout orders, {SoakOrders.CommandsPerOrder} commands each (open, 3 lines, fire: a kitchen and a bar ticket on two virtual printers over TCP, pay, close); sync on to a cloud silo; {o.WarmupSeconds} s warm-up ({run.Load.WarmupCommands} commands, {run.Load.WarmupFailed} failed), then {o.Minutes} min measured"));
        md.AppendLine(Invariant($"- pacing: open loop, {o.Rate} commands/s in all; each command has a due time and its latency counts from it (a device sends at the due time, or at once when its previous command answered late), so a stall counts in every command it delays; service time = from sent to answered"));
        md.AppendLine(Invariant($"- appliance CPU over the load: {(run.CpuSeconds is { } cpu ? (cpu / run.Load.LoadSpan.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture) + " cores" : "-")}"));
        md.AppendLine();
        md.AppendLine("| commands | failed | p50 ms | p99 ms | max ms | over 1 s | service p99 ms | pgbench p99 ms before / after (`-R` same rate, same clients) |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(Invariant($"| {l.Count} | {l.Failed} | {Num(l.P50Ms)} | {Num(l.P99Ms)} | {Num(l.MaxMs)} | {l.OverOneSecond} | {Num(l.ServiceP99Ms)} | {PgBench(run.Before)} / {PgBench(run.After)} |"));
        md.AppendLine();
        md.AppendLine("| minute | commands | p99 ms | max ms | over 1 s | RSS MB | GC heap MB | gen 2 MB | LOH MB | GC committed MB | gen 2 GCs | sync pending | load |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in samples)
        {
            var m = s.Minute > 0 && s.Minute <= run.Load.PerMinute.Count ? run.Load.PerMinute[s.Minute - 1] : null;
            md.AppendLine(Invariant($"| {s.Minute} | {m?.Count.ToString(CultureInfo.InvariantCulture) ?? "-"} | {Num(m?.P99Ms)} | {Num(m?.MaxMs)} | {m?.OverOneSecond.ToString(CultureInfo.InvariantCulture) ?? "-"} | {Mb(s.Memory?.RssBytes)} | {Num(s.Heap?.HeapMb)} | {Num(s.Heap?.Gen2Mb)} | {Num(s.Heap?.LohMb)} | {Num(s.Heap?.CommittedMb)} | {Num(s.Heap?.Gen2Collections, "F0")} | {s.SyncPending?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {Num(s.Load, "F2")} |"));
        }

        md.AppendLine();
        md.AppendLine(Invariant($"- after the load settled: RSS {Mb(run.AfterSettle?.RssBytes)} MB (peak {Mb(run.AfterSettle?.PeakBytes)} MB), GC heap {Num(run.AfterSettleHeap?.HeapMb)} MB"));
        var t = run.Tickets;
        md.AppendLine(Invariant($"- tickets: {t.Fired} orders fired, {t.Printed} printed both tickets, {t.Missing} missing, {t.Duplicates} doubled, {t.Stray} stray; fire to last ticket p50 {Num(t.FireToTicket.P50Ms)} / p99 {Num(t.FireToTicket.P99Ms)} / max {Num(t.FireToTicket.MaxMs)} ms"));
        md.AppendLine(Invariant($"- sync: journal head {run.Sync.Head}, the cloud acknowledged {run.Sync.Acked} ({(run.Sync.CaughtUp ? "caught up" : "NOT CAUGHT UP")} {run.Sync.Waited.TotalSeconds:F1} s after the load)"));
        foreach (var p in run.Printers.Where(p => p.QueueDepth > 0 || p.Status != "online"))
        {
            md.AppendLine(Invariant($"- printer {p.PrinterId} after the run: {p.Status}, {p.QueueDepth} queued, last error: {p.LastError ?? "none"}"));
        }

        foreach (var problem in t.Problems)
        {
            md.AppendLine($"- problem: {problem}");
        }

        md.AppendLine();
        md.AppendLine("| target | measured | |");
        md.AppendLine("|:---|---:|:---:|");
        foreach (var v in run.Verdicts)
        {
            md.AppendLine($"| {v.Target} | {v.Measured} | {v.Word} |");
        }

        md.AppendLine();
        md.AppendLine(Invariant($"pgbench p99 for the target: {Num(run.PgBenchP99Ms)} ms (the mean of the runs before and after)."));
        return md.ToString();
    }

    private static string PgBench(PgBenchResult r) => r.Error is not null ? "failed" : Num(r.Latency.P99Ms);

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Num(double? value, string format = "F1") =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
