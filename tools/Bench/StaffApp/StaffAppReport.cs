using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Pos.Bench.StaffApp;

/// <summary>Everything one staff-app run measured, with the targets of the issue and the checks.</summary>
internal sealed record StaffAppRun(
    StaffAppOptions Options,
    DateTimeOffset StartedAt,
    int FloorOrders,
    FirstLoadResult FirstLoad,
    FirstLoadResult FirstLoadBaseline,
    IReadOnlyList<ReloadResult> Reloads,
    IReadOnlyList<TapResult> Taps)
{
    public const long FirstLoadTargetBytes = 3_000_000;
    public const double ReloadTargetMs = 2000;
    public const double TapTargetMs = 100;

    /// <summary>Requests of the app (its pages and service worker) for a host outside loopback: each fails the run.</summary>
    public IReadOnlyList<string> Outside { get; init; } = [];

    /// <summary>Request lines chromium itself sent towards the outside (its updater...), refused; not the app's.</summary>
    public IReadOnlyList<string> BrowserOwnRefused { get; init; } = [];

    public IEnumerable<string> Problems =>
        Outside.Select(o => "a request left loopback (refused): " + o)
            .Concat(FirstLoad.NotBrotli.Select(f => "sent without brotli: " + f))
            .Concat(Taps.SelectMany(t => t.Problems));

    public bool ChecksPassed => !Problems.Any();

    public bool FirstLoadMet => FirstLoad.MaxBytes is > 0 and <= FirstLoadTargetBytes;

    public static bool IsBaseline(string side) => side.StartsWith("baseline", StringComparison.Ordinal);
}

/// <summary>The staff-app benchmark's two tables (bytes, then times), on the console and as Markdown.</summary>
internal static class StaffAppReport
{
    private static readonly string[] BytesHeader = ["first load", "runs", "bytes (max)", "bytes (min)", "responses", "304s", "screen p50 ms", "target", "result"];
    private static readonly string[] TimesHeader = ["measure", "CPU", "runs", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50 / baseline", "target", "result"];

    public static void PrintTables(StaffAppRun run)
    {
        Console.WriteLine();
        Print(BytesHeader, BytesRows(run));
        Console.WriteLine();
        Print(TimesHeader, TimesRows(run));
        Console.WriteLine();
        foreach (var line in Verdicts(run))
        {
            Console.WriteLine(line);
        }
    }

    public static string Markdown(StaffAppRun run)
    {
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine("# Staff app benchmark: headless chromium at phone size against the appliance").AppendLine();
        md.AppendLine(Invariant($"- date: {run.StartedAt:yyyy-MM-dd HH:mm:ss zzz}"));
        md.AppendLine(Invariant($"- machine: {Environment.ProcessorCount} CPUs (nproc), {RuntimeInformation.OSDescription}, .NET {Environment.Version}; browser {o.Chromium}, 390x844, touch"));
        md.AppendLine(Invariant($"- appliance: {o.Url}, reached through a counting TCP proxy (bytes from the appliance to the browser, headers included); a menu of 12 items, {run.FloorOrders} open orders on the floor"));
        md.AppendLine(Invariant($"- first load: {o.FirstLoads} fresh browser contexts, each until the pairing screen shows, the service worker controls the page (its precache done) and the proxy was quiet for 1 s; baseline: the same for `/{FirstLoad.BaselinePath}` (a static file from the same appliance)"));
        md.AppendLine(Invariant($"- reload: a paired phone on the floor, CPU slowed {StaffAppBenchmark.Throttle}x (CDP `Emulation.setCPUThrottlingRate`), one warm-up then {o.Reloads} reloads; from the navigation's start to the first frame listing every open order; baseline: reloads of `/{FirstLoad.BaselinePath}` to its load event, same throttling")
            + (o.BlankApp is null ? "" : "; and an empty Blazor WebAssembly app (tools/BlankApp, published like the staff app, served on loopback by the benchmark) reloaded to its heading: the runtime's start alone"));
        md.AppendLine(Invariant($"- tap: {o.Taps} taps per series on a fresh order, from a capture-phase click listener to the first frame after the new line is in the DOM; offline = the browser context offline; baseline: a trivial page whose button appends a line at once"));
        md.AppendLine();
        AppendTable(md, BytesHeader, BytesRows(run));
        md.AppendLine();
        AppendTable(md, TimesHeader, TimesRows(run));
        md.AppendLine();
        foreach (var line in Verdicts(run))
        {
            md.AppendLine("- " + line);
        }
        return md.ToString();
    }

    private static List<string[]> BytesRows(StaffAppRun run)
    {
        var (app, baseline) = (run.FirstLoad, run.FirstLoadBaseline);
        return
        [
            [app.Side, Count(app.Bytes.Count), Count(app.MaxBytes), Count(app.Bytes.Min()), Count(app.Responses), Count(app.Revalidated),
                Ms(LatencyStats.FromMilliseconds([.. app.UsableMs]).P50Ms), Invariant($"<= {StaffAppRun.FirstLoadTargetBytes:N0}"), Met(run.FirstLoadMet)],
            [baseline.Side, Count(baseline.Bytes.Count), Count(baseline.MaxBytes), Count(baseline.Bytes.Min()), Count(baseline.Responses), "",
                Ms(LatencyStats.FromMilliseconds([.. baseline.UsableMs]).P50Ms), "", ""],
            ["ratio app/baseline", "", Ratio(app.MaxBytes, baseline.MaxBytes), "", "", "", "", "", ""],
        ];
    }

    private static List<string[]> TimesRows(StaffAppRun run)
    {
        var rows = new List<string[]>();
        foreach (var reload in run.Reloads)
        {
            var s = reload.Stats;
            var app = !StaffAppRun.IsBaseline(reload.Side);
            var baseline = run.Reloads.FirstOrDefault(r => StaffAppRun.IsBaseline(r.Side) && r.Side != ReloadToFloor.BlankSide && r.Rate == reload.Rate)?.Stats;
            var judged = app && reload.Rate == StaffAppBenchmark.Throttle;
            rows.Add(Row("reload to floor: " + reload.Side, reload.Rate, s, app ? baseline : null,
                judged ? Invariant($"p90 < {StaffAppRun.ReloadTargetMs:F0}") : "", judged ? Met(s.Count > 0 && s.P90Ms < StaffAppRun.ReloadTargetMs) : ""));
        }
        foreach (var tap in run.Taps)
        {
            var s = tap.Stats;
            var app = !StaffAppRun.IsBaseline(tap.Side);
            var baseline = run.Taps.FirstOrDefault(t => StaffAppRun.IsBaseline(t.Side) && t.Rate == tap.Rate)?.Stats;
            rows.Add(Row("tap to line: " + tap.Side, tap.Rate, s, app ? baseline : null,
                app ? Invariant($"p99 < {StaffAppRun.TapTargetMs:F0}") : "", app ? Met(s.Count > 0 && s.P99Ms < StaffAppRun.TapTargetMs && tap.Problems.Count == 0) : ""));
        }
        return rows;
    }

    private static string[] Row(string measure, double rate, LatencyStats s, LatencyStats? baseline, string target, string result) =>
    [
        measure, Invariant($"{rate}x"), Count(s.Count), Ms(s.P50Ms), Ms(s.P90Ms), Ms(s.P99Ms), Ms(s.MaxMs),
        baseline is null ? "" : Ratio(s.P50Ms, baseline.P50Ms), target, result,
    ];

    private static IEnumerable<string> Verdicts(StaffAppRun run)
    {
        var missed = TimesRows(run).Where(r => r[^1] == "MISSED").Select(r => r[0] + " at " + r[1]).ToList();
        if (!run.FirstLoadMet)
        {
            missed.Insert(0, "first load bytes");
        }
        yield return missed.Count == 0 ? "targets met" : "TARGET MISSED: " + string.Join("; ", missed);
        var problems = run.Problems.ToList();
        yield return problems.Count == 0
            ? Invariant($"checks passed: no request left loopback, every _framework file was sent with brotli ({run.FirstLoad.Framework} per first load), every tapped line showed and landed on the appliance exactly once")
            : "CHECK FAILED: " + string.Join("; ", problems);
        foreach (var reload in run.Reloads.Where(r => r.FirstRender.Count > 0))
        {
            yield return Invariant($"{reload.Side}, CPU {reload.Rate}x: the app's first render (runtime started, before it reads its data) came at p50 {reload.FirstRender.P50Ms:F0} ms of the p50 {reload.Stats.P50Ms:F0} ms");
        }
        foreach (var blank in run.Reloads.Where(r => r.Side == ReloadToFloor.BlankSide))
        {
            var app = run.Reloads.FirstOrDefault(r => !StaffAppRun.IsBaseline(r.Side) && r.Rate == blank.Rate);
            yield return Invariant($"an empty Blazor WebAssembly app, CPU {blank.Rate}x: its first screen at p50 {blank.Stats.P50Ms:F0} ms, p90 {blank.Stats.P90Ms:F0} ms (the runtime's start alone)")
                + (app is null ? "" : Invariant($"; the staff app's floor at p50 {app.Stats.P50Ms:F0} ms is {Ratio(app.Stats.P50Ms, blank.Stats.P50Ms)} of it"));
        }
        if (run.BrowserOwnRefused.Count > 0)
        {
            var hosts = run.BrowserOwnRefused.Select(Host).Distinct().Order(StringComparer.Ordinal);
            yield return $"chromium's own background requests, refused (not the app's: no page or service worker asked for them): {string.Join(", ", hosts)}";
        }
        yield return "met = first load at most 3,000,000 bytes (the most of the runs); reload p90 under 2 s with the CPU 4x slower (the 1x rows are for comparison); tap p99 under 100 ms, online and offline, at 1x and 4x.";
    }

    // "CONNECT host:443 HTTP/1.1" or "POST http://host/path HTTP/1.1": the host.
    private static string Host(string requestLine)
    {
        var target = requestLine.Split(' ') is { Length: > 1 } parts ? parts[1] : requestLine;
        return Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : target.Split(':')[0];
    }

    private static void Print(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        Console.WriteLine(Line(header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        rows.ForEach(r => Console.WriteLine(Line(r)));
    }

    private static void AppendTable(StringBuilder md, string[] header, List<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|:---|" + string.Concat(header.Skip(1).Select(_ => "---:|")));
        rows.ForEach(r => md.AppendLine("| " + string.Join(" | ", r) + " |"));
    }

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static string Count(long value) => Invariant($"{value:N0}");

    private static string Ms(double value) => double.IsNaN(value) ? "-" : Invariant($"{value:F1}");

    private static string Ratio(double app, double baseline) =>
        baseline > 0 && !double.IsNaN(app) ? Invariant($"{app / baseline:F1}") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
