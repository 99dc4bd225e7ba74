using System.Text.Json;
using System.Text.Json.Nodes;
using Pos.Appliance.Tests.Staff;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The cash invariants after a seed, from the journal: at most one open session per drawer and per person at any
/// point; each closed session's expected is its float, pay-ins, pay-outs and cash taken, and its over/short the count
/// less that; each cash payment that landed in a session kicked its drawer once (retries none); the Z report served
/// is <see cref="ZReportBuilder"/> over the date's journal, its over/short the closes'.
/// </summary>
internal static class SimulationCashChecks
{
    public static async Task CheckAsync(SimulationFixture fixture, SimulatedCash cash, List<JsonElement> journal, long before)
    {
        CheckOneOpenAtATime(journal);
        CheckCloses(cash, journal);
        CheckKicks(cash, journal);
        await CheckZReportAsync(fixture, journal, before);
    }

    private static void CheckOneOpenAtATime(List<JsonElement> journal)
    {
        // Every session is closed at the end of a seed (a failed one's too), so none is open when a seed starts.
        var drawers = new Dictionary<string, string>(StringComparer.Ordinal);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            if (Type(e) == "DrawerSessionOpened")
            {
                var (session, drawer, person) = (Data(e, "sessionId")!, Data(e, "drawerId")!, Data(e, "employeeId")!);
                Assert.True(drawers.TryAdd(drawer, session), $"{drawer} opened for {session} at seq {Seq(e)} while {drawers.GetValueOrDefault(drawer)} was open");
                Assert.True(people.TryAdd(person, session), $"{person} opened {session} at seq {Seq(e)} while holding {people.GetValueOrDefault(person)}");
            }
            else if (Type(e) == "DrawerSessionClosed")
            {
                Assert.True(drawers.Remove(Data(e, "drawerId")!), $"seq {Seq(e)} closes a session of a drawer with none open");
                Assert.True(people.Remove(Data(e, "employeeId")!), $"seq {Seq(e)} closes a session of a person with none open");
            }
        }
        Assert.True(drawers.Count == 0, $"sessions left open after the seed: {string.Join(", ", drawers.Values)}");
    }

    private static void CheckCloses(SimulatedCash cash, List<JsonElement> journal)
    {
        var closes = journal.Where(e => Type(e) == "DrawerSessionClosed").ToList();
        Assert.Equal(cash.Tills.Select(t => t.SessionId.ToString()).Order(StringComparer.Ordinal), closes.Select(c => Data(c, "sessionId")!).Order(StringComparer.Ordinal));
        foreach (var till in cash.Tills)
        {
            var stream = $"drawer-session-{till.SessionId}";
            var events = journal.Where(e => e.Text("streamId") == stream).ToList();
            var opened = Assert.Single(events, e => Type(e) == "DrawerSessionOpened");
            var moved = events.Where(e => Type(e) == "DrawerCashMoved").Select(e => e.GetProperty("data")).ToList();
            Assert.Equal(moved.Count, moved.Select(m => m.Text("movementId")).Distinct().Count());
            long Moved(string kind) => moved.Where(m => m.Text("kind") == kind).Sum(m => m.GetProperty("amountMinor").GetInt64());
            var taken = events.Where(e => Type(e) == "DrawerCashTaken").Select(e => e.GetProperty("data")).ToList();
            Assert.Equal(taken.Count, taken.Select(t => t.Text("paymentId")).Distinct().Count());
            var expected = Long(opened, "floatMinor") + Moved("pay-in") - Moved("pay-out")
                + taken.Sum(t => t.GetProperty("cashMinor").GetInt64() + t.GetProperty("tipMinor").GetInt64());
            var closed = Assert.Single(events, e => Type(e) == "DrawerSessionClosed");
            Assert.Equal("DrawerSessionClosed", Type(events[^1]));
            Assert.Equal((expected, till.Counted!.Value, till.Counted.Value - expected),
                (Long(closed, "expectedMinor"), Long(closed, "countedMinor"), Long(closed, "overShortMinor")));
            // What was taken is the cash payments that name the session, applied to their bills.
            var paid = journal.Where(e => Type(e) == "PaymentAdded" && Data(e, "drawerSessionId") == till.SessionId.ToString()).Select(e => e.GetProperty("data")).ToList();
            Assert.Equal(
                paid.Select(p => (p.Text("paymentId"), p.GetProperty("amountMinor").GetInt64() - p.GetProperty("changeMinor").GetInt64())).Order(),
                taken.Select(t => (t.Text("paymentId"), t.GetProperty("cashMinor").GetInt64())).Order());
        }
    }

    private static void CheckKicks(SimulatedCash cash, List<JsonElement> journal)
    {
        var kicks = journal.Where(e => Type(e) == "PrintJobQueued" && Data(e, "reason") == "drawer-kick").ToList();
        var taken = journal.Where(e => Type(e) == "DrawerCashTaken").ToList();
        var noSales = journal.Where(e => Type(e) == "DrawerKicked").ToList();
        Assert.Equal(cash.NoSales, noSales.Count);
        // A payment's kick is queued in its own transaction, right after the session's DrawerCashTaken; a no-sale's is its own.
        foreach (var t in taken)
        {
            var kick = Assert.Single(kicks, k => Seq(k) == Seq(t) + 1);
            Assert.Equal(Data(t, "orderId"), Data(kick, "orderId"));
        }
        Assert.All(noSales, n => Assert.Single(kicks, k => Data(k, "jobId") == Data(n, "jobId")));
        Assert.Equal(taken.Count + noSales.Count, kicks.Count);
        // Every landed cash payment into a session: one DrawerCashTaken (and so one kick), retries none.
        var landed = journal.Where(e => Type(e) == "PaymentAdded" && Data(e, "drawerSessionId") is not null).Select(e => Data(e, "paymentId")).ToList();
        Assert.Equal(landed.Order(StringComparer.Ordinal), taken.Select(t => Data(t, "paymentId")).Order(StringComparer.Ordinal));
    }

    /// <summary>For each business date the seed's cash touched: the served Z report is the builder's over that date's journal.</summary>
    private static async Task CheckZReportAsync(SimulationFixture fixture, List<JsonElement> journal, long before)
    {
        var days = fixture.Days;
        if (days.ThroughSeq < before)
        {
            // Seeds that failed before their check: their events are read now.
            for (var after = days.ThroughSeq; after < before;)
            {
                var page = await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
                var events = page.GetProperty("events").EnumerateArray().Where(e => Seq(e) <= before).ToList();
                if (events.Count == 0)
                {
                    break;
                }
                events.ForEach(days.Add);
                after = Seq(events[^1]);
            }
        }
        journal.ForEach(days.Add);
        days.ThroughSeq = journal.Count > 0 ? Seq(journal[^1]) : before;
        var touched = journal.Where(e => e.Text("streamId")!.StartsWith("drawer-", StringComparison.Ordinal) && e.Text("businessDate") is not null)
            .Select(e => DateOnly.Parse(e.Text("businessDate")!, System.Globalization.CultureInfo.InvariantCulture)).Distinct();
        foreach (var date in touched)
        {
            var served = await fixture.Admin.GetJsonAsync($"/api/v1/reports/z?businessDate={date:yyyy-MM-dd}");
            var built = ZReportBuilder.Build(date, days.Of(date));
            var builtJson = JsonNode.Parse(JsonSerializer.Serialize(built, PosClient.Json));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served.GetRawText()), builtJson), $"the Z report of {date} served{Environment.NewLine}{served}{Environment.NewLine}built from the journal{Environment.NewLine}{builtJson}");
            var closes = days.Of(date).Where(e => e.Type == "DrawerSessionClosed")
                .Sum(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("overShortMinor").GetInt64());
            Assert.Equal(closes, served.GetProperty("overShortMinor").GetInt64());
        }
    }

    private static string? Type(JsonElement e) => e.Text("type");

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    private static long Long(JsonElement e, string property) => e.GetProperty("data").GetProperty(property).GetInt64();

    private static string? Data(JsonElement e, string property) =>
        e.GetProperty("data") is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ToString() : null;
}

/// <summary>The journal's entries of each business date so far, as the Z report folds them.</summary>
internal sealed class DatedJournal
{
    private readonly Dictionary<DateOnly, List<JournalEntry>> _days = [];

    /// <summary>The seq through which the journal is held.</summary>
    public long ThroughSeq { get; set; }

    public void Add(JsonElement e)
    {
        var read = e.Deserialize<JournalEventResponse>(PosClient.Json)!;
        if (read.BusinessDate is not { } date)
        {
            return;
        }
        var entry = new JournalEntry(read.Seq, read.EventId, read.StreamId, read.StreamVersion, read.Type, read.OccurredAt, read.DeviceId, date, read.Data.GetRawText())
        {
            IssuedAt = read.IssuedAt,
            EmployeeId = read.EmployeeId,
            ApprovedBy = read.ApprovedBy,
        };
        (_days.TryGetValue(date, out var day) ? day : _days[date] = []).Add(entry);
    }

    public IReadOnlyList<JournalEntry> Of(DateOnly date) => _days.TryGetValue(date, out var day) ? day : [];
}
