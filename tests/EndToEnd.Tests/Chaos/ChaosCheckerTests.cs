using System.Text.Json;
using Pos.Chaos.Checks;
using Pos.Chaos.Faults;
using Pos.Chaos.Load;

namespace Pos.EndToEnd.Tests.Chaos;

/// <summary>The chaos suite's pure parts: the plan a seed makes, and a checker that does find what is lost or doubled.</summary>
public sealed class ChaosCheckerTests
{
    [Fact]
    public void The_long_run_has_the_proportions_the_issue_asks_and_a_short_one_every_kind_once()
    {
        Assert.Equal([200, 50, 20, 20, 20], FaultPlan.Counts(310).Select(c => c.Count));
        Assert.All(FaultPlan.Counts(5), c => Assert.Equal(1, c.Count));
        var plan = FaultPlan.Make(5, 16);
        Assert.Equal(plan, FaultPlan.Make(5, 16));
        Assert.Equal(3, plan.Select(f => f.Printer?.Kind).OfType<FaultKind>().Distinct().Count());
        Assert.Equal(104, FaultPlan.Make(310, 1).Count(f => f.Printer is not null));
    }

    [Fact]
    public void An_acknowledged_command_missing_from_the_journal_is_lost_and_one_there_twice_is_doubled()
    {
        var order = Guid.NewGuid();
        var line = Guid.NewGuid();
        var twice = Guid.NewGuid();
        SentCommand[] sent =
        [
            new("till-1", "c1", "open-order", order),
            new("till-1", "c2", "add-line", order, line, "till-1 o1 l1"),
            new("till-1", "c3", "add-line", order, twice, "till-1 o1 l2"),
            new("till-1", "c4", "close", order),
        ];
        var answers = sent.Select(c => new AnsweredCommand(c, c.Type == "close" ? "rejected" : "applied", 0)).ToList();
        JournalEvent[] journal =
        [
            Event(1, order, "OrderOpened", new { orderId = order }),
            Event(2, order, "LineAdded", new { lineId = twice }),
            Event(3, order, "LineAdded", new { lineId = twice }),
            Event(4, order, "OrderClosed", new { }),
        ];

        var found = CommandCheck.Check(sent, answers, journal);

        Assert.Equal((3, 1, 1, 1, 1), (found.Acknowledged, found.Refused, found.Lost, found.Duplicated, found.RefusedButApplied));
    }

    [Fact]
    public void A_fired_line_never_on_paper_or_on_paper_twice_without_reprint_is_found()
    {
        var order = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var (jobA, jobB) = (Guid.NewGuid(), Guid.NewGuid());
        SentCommand[] sent = [new("till-1", "c1", "add-line", order, a, "tag a"), new("till-1", "c2", "add-line", order, b, "tag b")];
        JournalEvent[] journal =
        [
            Event(1, order, "OrderFired", new { lineIds = new[] { a, b } }),
            Event(2, order, "PrintJobQueued", new { jobId = jobA, reason = "fire", ticket = new { lines = new[] { new { note = "tag a" } } } }),
            Event(3, order, "PrintJobQueued", new { jobId = jobB, reason = "fire", ticket = new { lines = new[] { new { note = "tag b" } } } }),
        ];
        PrintedTicket[] twiceA = [new("kitchen", $"#1\nNOTE: tag a\nJob {jobA}\n"), new("kitchen", $"#1\nNOTE: tag a\nJob {jobA}\n")];
        PrintedTicket[] withReprint = [new("kitchen", $"#1\nNOTE: tag a\nJob {jobA}\n"), new("kitchen", $"** REPRINT **\n#1\nJob {jobA}\n"), new("bar", $"Job {jobB}\n")];

        var doubled = PrintCheck.Check(sent, journal, twiceA);
        var fine = PrintCheck.Check(sent, journal, withReprint);

        Assert.Equal((1, 1), (doubled.LinesNotPrinted, doubled.LinesDoubled));
        Assert.Equal((0, 0, 1), (fine.LinesNotPrinted, fine.LinesDoubled, fine.Reprints));
    }

    private static JournalEvent Event(long seq, Guid order, string type, object data) =>
        new(seq, Guid.NewGuid(), type.StartsWith("PrintJob", StringComparison.Ordinal) ? $"printjob-{seq}" : $"order-{order}", type, null, JsonSerializer.SerializeToElement(data));
}
