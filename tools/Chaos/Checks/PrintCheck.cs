using System.Text.Json;
using Pos.Chaos.Load;

namespace Pos.Chaos.Checks;

/// <summary>A ticket as a virtual printer cut it: which printer, its text.</summary>
public sealed record PrintedTicket(string PrinterId, string Text);

/// <summary>What came out of the printers for the fired lines.</summary>
public sealed record PrintFindings(
    int FiredLines, int Jobs, int Tickets, int Reprints, int LinesNotPrinted, int LinesDoubled, int StrayTickets, IReadOnlyList<string> Details);

/// <summary>
/// The printers' paper against the journal (pure). Each fired line (an <c>OrderFired</c> of the devices' orders) is on
/// exactly one fire job (<c>PrintJobQueued</c>, found by the line's tag, its note); each such job came out of a printer
/// (its <c>Job</c> line) at least once and at most once without the <c>** REPRINT **</c> banner: a line printed
/// exactly once, or once plus copies marked REPRINT. Every ticket on paper belongs to a job of the journal.
/// </summary>
public static class PrintCheck
{
    private const string Banner = "** REPRINT **";

    public static PrintFindings Check(IReadOnlyList<SentCommand> sent, IReadOnlyList<JournalEvent> journal, IReadOnlyList<PrintedTicket> tickets)
    {
        var details = new List<string>();
        var tagOf = sent.Where(c => c.Type == "add-line" && c.EffectId is not null).ToDictionary(c => c.EffectId!.Value, c => c.Tag!);
        var fired = journal.Where(e => e.Type == "OrderFired")
            .SelectMany(e => e.Data.GetProperty("lineIds").EnumerateArray().Select(l => l.GetGuid()))
            .Where(tagOf.ContainsKey)
            .ToList();

        // The fire jobs, with the tags of the lines each ticket carries.
        var jobs = journal.Where(e => e.Type == "PrintJobQueued" && Text(e.Data, "reason") == "fire")
            .ToDictionary(e => e.Data.GetProperty("jobId").GetGuid(), e => Tags(e.Data));
        var jobsOfTag = jobs.SelectMany(j => j.Value.Select(tag => (tag, job: j.Key))).ToLookup(x => x.tag, x => x.job);

        // The paper: each ticket's job, and whether it says REPRINT.
        var copies = new Dictionary<Guid, (int Plain, int Reprint)>();
        var stray = 0;
        foreach (var ticket in tickets)
        {
            var jobLine = ticket.Text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Job ", StringComparison.Ordinal));
            if (jobLine is null || !Guid.TryParse(jobLine[4..], out var jobId) || !jobs.ContainsKey(jobId))
            {
                stray++;
                details.Add($"a ticket on {ticket.PrinterId} belongs to no fire job of the journal: {jobLine ?? "(no Job line)"}");
                continue;
            }
            var (plain, reprint) = copies.GetValueOrDefault(jobId);
            copies[jobId] = ticket.Text.Contains(Banner, StringComparison.Ordinal) ? (plain, reprint + 1) : (plain + 1, reprint);
        }

        int notPrinted = 0, doubled = 0;
        foreach (var lineId in fired)
        {
            var tag = tagOf[lineId];
            var lineJobs = jobsOfTag[tag].ToList();
            if (lineJobs.Count != 1)
            {
                notPrinted += lineJobs.Count == 0 ? 1 : 0;
                doubled += lineJobs.Count > 1 ? 1 : 0;
                details.Add($"the fired line '{tag}' is on {lineJobs.Count} fire jobs");
                continue;
            }
            var (plain, reprint) = copies.GetValueOrDefault(lineJobs[0]);
            if (plain + reprint == 0)
            {
                notPrinted++;
                details.Add($"the fired line '{tag}' (job {lineJobs[0]}) never came out of a printer");
            }
            else if (plain > 1)
            {
                doubled++;
                details.Add($"the fired line '{tag}' (job {lineJobs[0]}) came out {plain} times without REPRINT");
            }
        }
        var reprints = copies.Values.Sum(c => c.Reprint);
        return new PrintFindings(fired.Count, jobs.Count, tickets.Count, reprints, notPrinted, doubled, stray, details);
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Tags(JsonElement job) =>
        job.TryGetProperty("ticket", out var ticket) && ticket.ValueKind == JsonValueKind.Object && ticket.TryGetProperty("lines", out var lines)
            ? [.. lines.EnumerateArray().Select(l => Text(l, "note")).OfType<string>()]
            : [];
}
