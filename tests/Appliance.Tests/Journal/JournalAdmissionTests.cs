using Pos.Appliance.Journal;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Tests.Journal;

/// <summary>The journal writer's rules for a batch, decided without a database.</summary>
public sealed class JournalAdmissionTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly DateTimeOffset At = new(2026, 11, 25, 19, 0, 0, TimeSpan.FromHours(-5));

    private static JournalFacts Facts(
        long head = 10, Dictionary<string, int>? versions = null, HashSet<string>? taken = null,
        HashSet<DateOnly>? sealedDates = null, Dictionary<DateOnly, long>? lastSeq = null) =>
        new(head, versions ?? [], taken ?? [], sealedDates ?? [], lastSeq ?? []);

    private static StreamAppend Append(string stream, int expected, int events = 1, DateOnly? date = null, string? key = null) =>
        new(stream, expected, [.. Enumerable.Range(0, events).Select(_ => new NewEvent(Guid.NewGuid(), "E", "{}"))], At, "till-1", date,
            key is null ? null : new KeptAnswer(key, [1], "{}", null));

    [Fact]
    public void AcceptedAppends_TakeTheNextSeqs_InBatchOrder_AndEachSeesTheOnesBefore()
    {
        var decided = JournalAdmission.Decide(
            [Append("order-a", 0, events: 2), Append("order-b", 3), Append("order-a", 2)],
            Facts(versions: new() { ["order-a"] = 0, ["order-b"] = 3 }));

        Assert.Equal([(11L, 12L, 2), (13L, 13L, 4), (14L, 14L, 3)], decided.Results.Select(r => (r.FirstSeq, r.LastSeq, r.StreamVersion)));
        Assert.All(decided.Results, r => Assert.Equal(AppendOutcome.Appended, r.Outcome));
        Assert.Equal(14, decided.Head);
        Assert.Equal(4, decided.Rows.Count);
        Assert.Equal(3, decided.Versions["order-a"]);
    }

    [Fact]
    public void AStreamThatMovedOn_IsAConflict_AndTakesNoSeq()
    {
        var decided = JournalAdmission.Decide(
            [Append("order-a", 1), Append("order-b", 0)], Facts(versions: new() { ["order-a"] = 2, ["order-b"] = 0 }));

        Assert.Equal(AppendOutcome.VersionConflict, decided.Results[0].Outcome);
        Assert.Equal(2, decided.Results[0].StreamVersion);
        Assert.Equal((11L, 11L), (decided.Results[1].FirstSeq, decided.Results[1].LastSeq));
    }

    [Fact]
    public void ALinkedStreamThatMovedOn_FailsTheWholeAppend_AndLinkedEventsFollowTheirOwn()
    {
        var jobs = new LinkedAppend("printjob-1", 0, [new NewEvent(Guid.NewGuid(), "PrintJobQueued", "{}")]);
        var decided = JournalAdmission.Decide(
            [Append("order-a", 0) with { Linked = [jobs] }, Append("order-b", 0) with { Linked = [jobs] }],
            Facts(versions: new() { ["order-a"] = 0, ["order-b"] = 0, ["printjob-1"] = 0 }));

        Assert.Equal((11L, 12L), (decided.Results[0].FirstSeq, decided.Results[0].LastSeq));
        Assert.Equal(1, decided.Versions["printjob-1"]);
        // The second append expected the job stream at 0; the first moved it to 1.
        Assert.Equal(AppendOutcome.VersionConflict, decided.Results[1].Outcome);
        Assert.Equal(2, decided.Rows.Count);
    }

    [Fact]
    public void AKeyWithAnAnswer_IsTaken_OnceAcrossTheJournalAndTheBatch()
    {
        var decided = JournalAdmission.Decide(
            [Append("order-a", 0, key: "k1"), Append("order-b", 0, key: "k2"), Append("order-c", 0, key: "k2")],
            Facts(versions: new() { ["order-a"] = 0, ["order-b"] = 0, ["order-c"] = 0 }, taken: ["k1"]));

        Assert.Equal([AppendOutcome.IdempotencyKeyTaken, AppendOutcome.Appended, AppendOutcome.IdempotencyKeyTaken],
            decided.Results.Select(r => r.Outcome));
        Assert.Equal(1, decided.Responses.Count);
        Assert.Equal(11, decided.Head);
    }

    [Fact]
    public void AnAnswerWithoutEvents_TakesOnlyItsKey()
    {
        var record = StreamAppend.RecordOnly("order-a", new KeptAnswer("cmd:till-1:7", [1], "{}", null, "conflict"), At);
        var decided = JournalAdmission.Decide([record, record], Facts(versions: new() { ["order-a"] = 5 }));

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.IdempotencyKeyTaken], decided.Results.Select(r => r.Outcome));
        Assert.Equal(0, decided.Rows.Count);
        Assert.Equal(1, decided.Responses.Count);
        Assert.True(decided.WritesAnything);
        Assert.Equal(10, decided.Head);
    }

    [Fact]
    public void ASealedDate_TakesNoEvents_AndOtherDatesDo()
    {
        var decided = JournalAdmission.Decide(
            [Append("order-a", 0, date: Day), Append("order-b", 0, date: Day.AddDays(1))],
            Facts(versions: new() { ["order-a"] = 0, ["order-b"] = 0 }, sealedDates: [Day]));

        Assert.Equal([AppendOutcome.DaySealed, AppendOutcome.Appended], decided.Results.Select(r => r.Outcome));
    }

    [Fact]
    public void ASeal_HoldsOnlyIfItCountedTheDatesLastEvent_AndThenClosesTheDate()
    {
        StreamAppend Seal(long lastSeq, int expected) => Append("business-days", expected) with { Seals = [new DaySeal(Day, lastSeq)] };

        // An event of the date earlier in the batch moves its last seq past what the seal counted.
        var missed = JournalAdmission.Decide(
            [Append("order-a", 0, date: Day), Seal(lastSeq: 9, expected: 0)],
            Facts(versions: new() { ["order-a"] = 0, ["business-days"] = 0 }, lastSeq: new() { [Day] = 9 }));
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.VersionConflict], missed.Results.Select(r => r.Outcome));

        // A seal that counted the last event commits, and an event of the date after it in the batch is refused.
        var held = JournalAdmission.Decide(
            [Seal(lastSeq: 9, expected: 0), Append("order-a", 0, date: Day)],
            Facts(versions: new() { ["order-a"] = 0, ["business-days"] = 0 }, lastSeq: new() { [Day] = 9 }));
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.DaySealed], held.Results.Select(r => r.Outcome));
        Assert.Contains(Day, held.Sealed);
    }
}
