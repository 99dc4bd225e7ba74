using System.Net;
using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Tests;

/// <summary>HQ's daily report: the appliance's figures per store from the synced journal, their total, and the proof of completeness.</summary>
public sealed class DailyReportTests : CloudTest
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    [Fact]
    public async Task Each_stores_figures_are_the_appliances_report_and_the_total_adds_them_up()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown", "Downtown");
        var airport = await TestStore.RegisterAsync(Cloud, Hq, "airport", "Airport");

        // Downtown: two closed orders (one with a voided line, one paid cash with change), one still open, one on the next day.
        var first = downtown.Open(Day);
        var burgers = downtown.Line(first, "burger", "Burger", 2, 1250, 825); // 2500 + 206 tax
        var fries = downtown.Line(first, "fries", "Fries", 1, 450, 825);
        downtown.Fire(first, burgers, fries);
        downtown.Void(first, fries); // 450 in voids only
        downtown.Pay(first, Tender.Card, 2706, tipMinor: 300);
        downtown.Close(first);
        var second = downtown.Open(Day);
        downtown.Line(second, "soda", "Soda", 3, 200, 0); // 600, no tax
        downtown.Line(second, "burger", "Burger", 1, 1250, 825); // 1250 + 103 tax
        downtown.Pay(second, Tender.Cash, 2000, changeMinor: 47); // 1953 applied
        downtown.Close(second);
        var open = downtown.Open(Day);
        downtown.Line(open, "burger", "Burger", 1, 1250, 825);
        var tomorrow = downtown.Open(Day.AddDays(1));
        downtown.Line(tomorrow, "burger", "Burger", 1, 1250, 825);
        downtown.Pay(tomorrow, Tender.Cash, 1353);
        downtown.Close(tomorrow);

        // Airport: one order paid with another tender.
        var only = airport.Open(Day);
        airport.Line(only, "burger", "Burger Deluxe", 1, 1250, 825); // 1250 + 103
        airport.Line(only, "wings", "Wings", 2, 900, 825); // 1800 + 149 (148.5 rounded away from zero)
        airport.Pay(only, Tender.Other, 3302, tipMinor: 500);
        airport.Close(only);

        await downtown.SyncAsync();
        await airport.SyncAsync();

        var body = await ReportAsync("?businessDate=2026-11-25");
        Assert.Equal("2026-11-25", body.GetProperty("businessDate").GetString());
        var stores = body.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["airport", "downtown"], stores.Select(s => s.GetProperty("storeId").GetString()));
        Assert.Equal("Downtown", stores[1].GetProperty("name").GetString());

        var d = stores[1].GetProperty("report");
        Assert.Equal((2, 1), (d.GetProperty("ordersClosed").GetInt32(), d.GetProperty("ordersOpen").GetInt32()));
        Assert.Equal(4350, d.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(309, d.GetProperty("taxMinor").GetInt64());
        Assert.Equal(4659, d.GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(450, d.GetProperty("voidsMinor").GetInt64());
        Assert.Equal(300, d.GetProperty("tipsMinor").GetInt64());
        Assert.Equal((1953, 2706, 0), Tenders(d));
        Assert.Equal("USD", d.GetProperty("currency").GetString());
        Assert.Equal([("burger", "Burger", 3, 3750L), ("soda", "Soda", 3, 600L)], Items(d));

        // Byte for byte what the appliance's GET /api/v1/reports/daily answers for the same events.
        Assert.Equal(ApplianceJson(Day, downtown), d.GetRawText());
        Assert.Equal(ApplianceJson(Day, airport), stores[0].GetProperty("report").GetRawText());

        var total = body.GetProperty("total");
        Assert.Equal((3, 1), (total.GetProperty("ordersClosed").GetInt32(), total.GetProperty("ordersOpen").GetInt32()));
        Assert.Equal(7400, total.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(561, total.GetProperty("taxMinor").GetInt64());
        Assert.Equal(7961, total.GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(450, total.GetProperty("voidsMinor").GetInt64());
        Assert.Equal(800, total.GetProperty("tipsMinor").GetInt64());
        Assert.Equal((1953, 2706, 3302), Tenders(total));
        Assert.Equal("USD", total.GetProperty("currency").GetString());
        // Merged by menu item; the name is the first store's (stores in id order).
        Assert.Equal([("burger", "Burger Deluxe", 4, 5000L), ("soda", "Soda", 3, 600L), ("wings", "Wings", 2, 1800L)], Items(total));
        // One currency: its sum in totals is the total.
        Assert.Equal(total.GetRawText(), Assert.Single(body.GetProperty("totals").EnumerateArray()).GetRawText());

        // One store alone: its figures are the total.
        var airportOnly = await ReportAsync("?businessDate=2026-11-25&storeId=airport");
        var single = Assert.Single(airportOnly.GetProperty("stores").EnumerateArray());
        Assert.Equal("airport", single.GetProperty("storeId").GetString());
        Assert.Equal(3302, airportOnly.GetProperty("total").GetProperty("grossSalesMinor").GetInt64());

        // The next day has downtown's last order only.
        var next = await ReportAsync("?businessDate=2026-11-26");
        Assert.Equal(1353, next.GetProperty("total").GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(ApplianceJson(Day.AddDays(1), downtown), next.GetProperty("stores")[1].GetProperty("report").GetRawText());
    }

    [Fact]
    public async Task The_total_has_a_currency_only_when_the_stores_share_one_and_money_of_two_currencies_is_never_added()
    {
        var usd = await TestStore.RegisterAsync(Cloud, Hq, "a-usd");
        var eur = await TestStore.RegisterAsync(Cloud, Hq, "b-eur");
        var idle = await TestStore.RegisterAsync(Cloud, Hq, "c-idle");
        var order = usd.Open(Day);
        usd.Line(order, "tea", "Tea", 1, 300, 0);
        await usd.SyncAsync();

        var withIdle = await ReportAsync("?businessDate=2026-11-25");
        Assert.Equal("USD", withIdle.GetProperty("total").GetProperty("currency").GetString()); // a store without orders has no say
        var usdOnly = Assert.Single(withIdle.GetProperty("totals").EnumerateArray()); // nor an entry of its own
        Assert.Equal("USD", usdOnly.GetProperty("currency").GetString());
        Assert.Equal(1, usdOnly.GetProperty("ordersOpen").GetInt32());
        Assert.Equal("", withIdle.GetProperty("stores")[2].GetProperty("report").GetProperty("currency").GetString());
        Assert.Equal(ApplianceJson(Day, idle), withIdle.GetProperty("stores")[2].GetProperty("report").GetRawText());

        var euro = eur.Open(Day, "EUR");
        eur.Line(euro, "tea", "Tee", 1, 280, 700); // 280 + 20 tax (19.6 rounded)
        eur.Pay(euro, Tender.Card, 300);
        eur.Close(euro);
        await eur.SyncAsync();
        var mixed = await ReportAsync("?businessDate=2026-11-25");
        // Two currencies: no total across them, one sum per currency instead.
        Assert.Equal(JsonValueKind.Null, mixed.GetProperty("total").ValueKind);
        var totals = mixed.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(["EUR", "USD"], totals.Select(t => t.GetProperty("currency").GetString()));
        Assert.Equal((1, 0, 300L), (totals[0].GetProperty("ordersClosed").GetInt32(), totals[0].GetProperty("ordersOpen").GetInt32(), totals[0].GetProperty("grossSalesMinor").GetInt64()));
        Assert.Equal([("tea", "Tee", 1, 280L)], Items(totals[0]));
        Assert.Equal((0, 1, 0L), (totals[1].GetProperty("ordersClosed").GetInt32(), totals[1].GetProperty("ordersOpen").GetInt32(), totals[1].GetProperty("grossSalesMinor").GetInt64()));
        Assert.Empty(Items(totals[1]));
        Assert.Equal("EUR", mixed.GetProperty("stores")[1].GetProperty("report").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task The_chains_total_counts_each_store_once_whether_its_row_was_folded_on_ingest_or_is_folded_for_the_answer()
    {
        // Three stores sell the same item; the first in store order names it in the total. The second store's row is
        // left as an upgrade leaves it (not folded): the answer folds its events and counts them once. The third's row
        // says it is folded but its reports went missing: its report is folded for the answer and its sums, which
        // the row holds, counted once.
        var stores = new List<TestStore>();
        foreach (var (id, name, quantity) in new[] { ("s1", "Burger", 1), ("s2", "Cheeseburger", 2), ("s3", "Hamburger", 4) })
        {
            var store = await TestStore.RegisterAsync(Cloud, Hq, id);
            var order = store.Open(Day);
            store.Line(order, "burger", name, quantity, 1000, 0);
            store.Line(order, $"side-{id}", "Side", 1, 100 * quantity, 0);
            store.Pay(order, Tender.Card, 1000 * quantity + 100 * quantity);
            store.Close(order);
            await store.SyncAsync();
            stores.Add(store);
        }
        var before = await ReportAsync("?businessDate=2026-11-25");
        await using (var db = Npgsql.NpgsqlDataSource.Create(Cloud.ConnectionString))
        await using (var cmd = db.CreateCommand("""
            update store_day_figures set folded = false, to_fold = true where store_id = 's2';
            update store_day_reports set report = null, z = null where store_id = 's2';
            delete from store_day_reports where store_id = 's3';
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var after = await ReportAsync("?businessDate=2026-11-25");
        foreach (var report in new[] { before, after })
        {
            var total = report.GetProperty("total");
            Assert.Equal((3, 7700L), (total.GetProperty("ordersClosed").GetInt32(), total.GetProperty("netSalesMinor").GetInt64()));
            Assert.Equal([("burger", "Burger", 7, 7000L), ("side-s1", "Side", 1, 100L), ("side-s2", "Side", 1, 200L), ("side-s3", "Side", 1, 400L)],
                Items(total));
            Assert.Equal([("20:00", 3, 7700L)], HoursOf(total));
            Assert.Equal(stores.Select(s => ApplianceJson(Day, s)), report.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("report").GetRawText()));
        }
    }

    [Fact]
    public async Task A_report_is_complete_only_once_the_cloud_holds_the_stores_seal_and_every_event_it_counts()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        var other = await TestStore.RegisterAsync(Cloud, Hq, "uptown");
        var yesterday = store.Seal(Day.AddDays(-1)); // a quiet day, sealed with no events: seq 1
        var order = store.Open(Day);
        var line = store.Line(order, "burger", "Burger", 1, 1000, 0);
        store.Fire(order, line);
        store.Pay(order, Tender.Cash, 1000);
        store.Close(order); // events of the day: seq 2..6
        await store.SyncAsync(through: 4);

        var partial = await StoreReportAsync("downtown");
        Assert.False(partial.GetProperty("complete").GetBoolean());
        Assert.Equal(4, partial.GetProperty("syncedThroughSeq").GetInt64());
        Assert.Equal(6, partial.GetProperty("headSeq").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, partial.GetProperty("syncedAt").ValueKind);
        var reason = partial.GetProperty("incompleteReason").GetString()!;
        Assert.StartsWith("the store has not sealed this business date yet", reason, StringComparison.Ordinal);
        Assert.Contains("synced through seq 4", reason, StringComparison.Ordinal);
        Assert.Equal(1, partial.GetProperty("report").GetProperty("ordersOpen").GetInt32());

        // Every event of the day is there, but without the store's word nothing proves it.
        await store.SyncAsync();
        var unsealed = await StoreReportAsync("downtown");
        Assert.False(unsealed.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unsealed.GetProperty("seal").ValueKind);
        Assert.Equal(1, unsealed.GetProperty("report").GetProperty("ordersClosed").GetInt32());

        // A seal counting more events than the cloud holds (while it holds everything before the seal) contradicts
        // what the cloud holds: it does not make the date complete; the watermark is shown.
        store.Seal(Day, eventCount: 7, lastSeq: 6);
        await store.SyncAsync();
        var short_ = await StoreReportAsync("downtown");
        Assert.False(short_.GetProperty("complete").GetBoolean());
        Assert.Equal(7, short_.GetProperty("syncedThroughSeq").GetInt64());
        Assert.Equal(5, short_.GetProperty("eventsHeld").GetInt64());
        Assert.Equal(
            "the store's seal of this date (seq 7) counts 7 events through seq 6, but the cloud holds 5 events of this date "
            + "(and the store's journal through seq 7): the seal disagrees with what the cloud holds, so the figures cannot be proven complete",
            short_.GetProperty("incompleteReason").GetString());

        // The store's latest seal of the date, with the true count, proves it.
        store.Seal(Day);
        await store.SyncAsync();
        var full = await ReportAsync("?businessDate=2026-11-25");
        var complete = full.GetProperty("stores")[0];
        Assert.True(complete.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, complete.GetProperty("incompleteReason").ValueKind);
        Assert.Equal(8, complete.GetProperty("syncedThroughSeq").GetInt64());
        Assert.Equal(8, complete.GetProperty("seal").GetProperty("seq").GetInt64());
        Assert.Equal(5, complete.GetProperty("seal").GetProperty("eventCount").GetInt64());
        Assert.Equal(6, complete.GetProperty("seal").GetProperty("lastSeq").GetInt64());
        // The total is complete only when every store is: uptown has sent nothing.
        Assert.False(full.GetProperty("stores")[1].GetProperty("complete").GetBoolean());
        Assert.False(full.GetProperty("total").GetProperty("complete").GetBoolean());
        Assert.False(Assert.Single(full.GetProperty("totals").EnumerateArray()).GetProperty("complete").GetBoolean());
        Assert.True((await ReportAsync("?businessDate=2026-11-25&storeId=downtown")).GetProperty("total").GetProperty("complete").GetBoolean());

        // A sealed day without events is complete too; the seal is only ever for its own date.
        var quiet = await StoreReportAsync("downtown", "2026-11-24");
        Assert.True(quiet.GetProperty("complete").GetBoolean(), quiet.ToString());
        Assert.Equal(yesterday.Seq, quiet.GetProperty("seal").GetProperty("seq").GetInt64());
        Assert.False((await StoreReportAsync("downtown", "2026-11-26")).GetProperty("complete").GetBoolean());

        // The other store's seals never count for this one.
        other.Seal(Day, eventCount: 0, lastSeq: 0);
        await other.SyncAsync();
        Assert.True((await StoreReportAsync("uptown")).GetProperty("complete").GetBoolean());
        Assert.Equal(8, (await StoreReportAsync("downtown")).GetProperty("seal").GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Labour_per_employee_is_the_appliances_hours_and_tips_and_the_person_reaches_the_cloud()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "midtown");
        var at = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);
        var shift = store.ClockIn(Day, "ana", "Ana", at);
        var hers = store.Open(Day, employeeId: "ana"); // her tip: she opened it, the payment was taken on a device alone
        store.Line(hers, "burger", "Burger", 1, 1250, 825);
        store.Pay(hers, Tender.Card, 1353, tipMinor: 250);
        store.Close(hers);
        var his = store.Open(Day);
        store.Line(his, "burger", "Burger", 1, 1250, 825);
        store.Pay(his, Tender.Card, 1353, tipMinor: 100, employeeId: "bo"); // his: he took the payment
        store.Close(his);
        store.ClockOut(Day, "ana", "Ana", shift, at, at.AddMinutes(375.9));
        store.ClockIn(Day, "bo", "Bo", at.AddHours(2));
        await store.SyncAsync();

        var report = (await ReportAsync("?businessDate=2026-11-25&storeId=midtown")).GetProperty("stores")[0].GetProperty("report");
        Assert.Equal(ApplianceJson(Day, store), report.GetRawText());
        var labour = report.GetProperty("labour").EnumerateArray()
            .Select(l => (l.GetProperty("employeeId").GetString(), l.GetProperty("shifts").GetInt32(), l.GetProperty("minutesWorked").GetInt64(),
                l.GetProperty("clockedIn").GetBoolean(), l.GetProperty("tipsMinor").GetInt64()))
            .ToList();
        Assert.Equal([("ana", 1, 375L, false, 250L), ("bo", 1, 0L, true, 100L)], labour);
        Assert.Equal(350, report.GetProperty("tipsMinor").GetInt64());
    }

    [Fact]
    public async Task A_missing_or_bad_date_gets_400_an_unknown_store_404_and_no_token_401()
    {
        await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        foreach (var query in new[] { "", "?businessDate=", "?businessDate=2026-13-01", "?businessDate=25%2F11%2F2026", "?storeId=downtown" })
        {
            using var response = await Hq.GetAsync("/cloud/v1/reports/daily" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("businessDate", out _));
        }

        using var unknown = await Hq.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25&storeId=nowhere");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("store-not-found", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        using var anonymous = Cloud.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25")).StatusCode);
        using var wrong = Cloud.NewClient(token: "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25")).StatusCode);
    }

    /// <summary>The appliance's answer: its report built from its own journal, written with its HTTP JSON options.</summary>
    private static string ApplianceJson(DateOnly date, TestStore store)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EventJson.Configure(options);
        return JsonSerializer.Serialize(DailyReportBuilder.Build(date, store.EventsOf(date)), options);
    }

    private async Task<JsonElement> ReportAsync(string query)
    {
        using var response = await Hq.GetAsync("/cloud/v1/reports/daily" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> StoreReportAsync(string storeId, string date = "2026-11-25") =>
        Assert.Single((await ReportAsync($"?businessDate={date}&storeId={storeId}")).GetProperty("stores").EnumerateArray());

    private static (long Cash, long Card, long Other) Tenders(JsonElement figures)
    {
        var t = figures.GetProperty("tenders");
        return (t.GetProperty("cash").GetInt64(), t.GetProperty("card").GetInt64(), t.GetProperty("other").GetInt64());
    }

    private static List<(string, int, long)> HoursOf(JsonElement figures) =>
        [.. figures.GetProperty("byHour").EnumerateArray().Select(h => (
            h.GetProperty("hour").GetString()!, h.GetProperty("ordersClosed").GetInt32(), h.GetProperty("netSalesMinor").GetInt64()))];

    private static List<(string, string, int, long)> Items(JsonElement figures) =>
        [.. figures.GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("menuItemId").GetString()!, i.GetProperty("name").GetString()!,
            i.GetProperty("quantity").GetInt32(), i.GetProperty("netSalesMinor").GetInt64()))];
}
