using System.Globalization;
using System.Text;
using Pos.Chaos.Checks;
using Pos.Chaos.Faults;

namespace Pos.Chaos;

/// <summary>
/// What a run found: the commands against the journal, the printers' paper, the cloud, and the faults with their
/// recovery times. <see cref="Passed"/> when nothing acknowledged was lost or doubled, nothing refused applied, no
/// fired line unprinted or printed twice without REPRINT, the cloud equal to the store, and the run went to its end.
/// </summary>
public sealed record ChaosResult(
    ChaosOptions Options,
    TimeSpan Duration,
    CommandFindings? Commands,
    PrintFindings? Printing,
    CloudFindings? Cloud,
    IReadOnlyDictionary<FaultKind, List<TimeSpan>> Recoveries,
    IReadOnlyList<string> Notes,
    string? Aborted)
{
    public int Lost => Commands?.Lost ?? 0;

    public int Duplicated => Commands?.Duplicated ?? 0;

    public bool Passed =>
        Aborted is null && Commands is { Lost: 0, Duplicated: 0, RefusedButApplied: 0, Unanswered: 0, Details.Count: 0 }
        && Printing is { LinesNotPrinted: 0, LinesDoubled: 0, StrayTickets: 0 }
        && Cloud is { EventMismatches: 0, ReportMismatches: 0 };

    /// <summary>The table the command prints (Markdown, so docs/RELIABILITY.md can hold it as it is).</summary>
    public string Table()
    {
        var o = Options;
        var text = new StringBuilder();
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        text.AppendLine(CultureInfo.InvariantCulture, $"Chaos run: {o.Cycles} cycles, seed {o.Seed}, {o.Devices} devices, {Duration.TotalMinutes:0.0} min");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---:|");
        if (Commands is { } c)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| operations (commands the devices queued) | {N(c.Sent)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| acknowledged | {N(c.Acknowledged)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| refused by the appliance (conflict, rejected) | {N(c.Refused)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| **lost** (acknowledged, not in the journal) | **{N(c.Lost)}** |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| **duplicated** (in the journal twice) | **{N(c.Duplicated)}** |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| refused but applied | {N(c.RefusedButApplied)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| never answered | {N(c.Unanswered)} |");
        }
        if (Printing is { } p)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| fired lines / fire jobs / tickets on paper | {N(p.FiredLines)} / {N(p.Jobs)} / {N(p.Tickets)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| reprints (copies marked REPRINT) | {N(p.Reprints)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| fired lines never printed / printed twice unmarked | {N(p.LinesNotPrinted)} / {N(p.LinesDoubled)} |");
        }
        if (Cloud is { } cloud)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| journal events (store / cloud), differing | {N(cloud.StoreEvents)} / {N(cloud.CloudEvents)}, {N(cloud.EventMismatches)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| daily reports compared (store vs HQ), figures differing | {N(cloud.ReportDates)}, {N(cloud.ReportMismatches)} |");
        }
        text.AppendLine();
        text.AppendLine("| fault | count | recovered when | min | median | max |");
        text.AppendLine("|---|---:|---|---:|---:|---:|");
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            var times = Recoveries.TryGetValue(kind, out var t) ? t.Order().ToList() : [];
            text.AppendLine(times.Count == 0
                ? $"| {FaultNames.Of(kind)} | 0 | {FaultNames.RecoveredWhen(kind)} | | | |"
                : $"| {FaultNames.Of(kind)} | {times.Count} | {FaultNames.RecoveredWhen(kind)} | {S(times[0])} | {S(times[times.Count / 2])} | {S(times[^1])} |");
        }
        text.AppendLine();
        text.AppendLine(Passed ? "PASSED: nothing lost, nothing doubled." : "FAILED: see the findings below.");
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {o.Seed}; replay: {o.ReplayCommand}");
        return text.ToString();
    }

    /// <summary>What went wrong, one line each (at most 50), and the notes.</summary>
    public IEnumerable<string> Findings() =>
        new[] { Aborted }.OfType<string>()
            .Concat(Commands?.Details ?? [])
            .Concat(Printing?.Details ?? [])
            .Concat(Cloud?.Details ?? [])
            .Take(50)
            .Concat(Notes.Select(n => $"note: {n}"));
}
