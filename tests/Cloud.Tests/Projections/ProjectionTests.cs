using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Npgsql;
using Pos.Cloud.Reports;
using Pos.Contracts.Reports;
using static Pos.Cloud.Tests.Projections.EveryKindJournal;

namespace Pos.Cloud.Tests.Projections;

/// <summary>
/// The figures kept on ingest (store_day_figures) are the fold of the date's events, whatever way the batches came:
/// in pieces, twice, overlapping; and HQ's reports read from them answer exactly what the fold answers.
/// </summary>
public sealed class ProjectionTests : CloudTest
{
    [Fact]
    public async Task The_figures_of_a_day_with_every_kind_sent_in_small_batches_are_the_fold_of_its_events()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "everyville");
        Write(store);
        for (long from = 1; from <= store.HeadSeq; from += 7)
        {
            using var sent = await store.SendAsync(from, Math.Min(from + 6, store.HeadSeq), store.HeadSeq);
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }

        await AssertFiguresAreTheFoldAsync(store);
        var day = await StoreEntryAsync("daily", Day, store.StoreId);
        Assert.True(day.GetProperty("complete").GetBoolean(), day.GetRawText());
        Assert.Equal(store.EventsOf(Day).Count, day.GetProperty("eventsHeld").GetInt64());
        var report = day.GetProperty("report");
        // Every kind shows: a comp, a discount, a void, a refund, a tip adjustment, a write-off, every tender.
        Assert.Equal((475L, 125L, 199L, 500L, 100L, 1706L), (report.GetProperty("compsMinor").GetInt64(), report.GetProperty("discountsMinor").GetInt64(),
            report.GetProperty("voidsMinor").GetInt64(), report.GetProperty("refundsMinor").GetInt64(),
            report.GetProperty("tipAdjustmentsMinor").GetInt64(), report.GetProperty("writtenOffMinor").GetInt64()));
        var tenders = report.GetProperty("tenders");
        Assert.All(new[] { "cash", "card", "other" }, t => Assert.True(tenders.GetProperty(t).GetInt64() > 0, t));
        var next = await StoreEntryAsync("daily", NextDay, store.StoreId);
        Assert.Equal((1, 199L), (next.GetProperty("report").GetProperty("ordersOpen").GetInt32(), next.GetProperty("report").GetProperty("refundsMinor").GetInt64()));
        Assert.False(next.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Batches_sent_twice_and_batches_overlapping_the_last_leave_the_figures_the_fold()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "dupville");
        Write(store);
        var head = store.HeadSeq;
        long[][] batches = [[1, 10], [1, 10], [5, 20], [11, 20], [15, 33], [30, head], [1, head]];
        foreach (var (from, to) in batches.Select(b => (b[0], Math.Min(b[1], head))))
        {
            using var sent = await store.SendAsync(from, to, head);
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }

        await AssertFiguresAreTheFoldAsync(store);
    }

    [Fact]
    public async Task A_store_without_events_of_the_date_has_the_fold_of_nothing_beside_one_that_has_them()
    {
        var busy = await TestStore.RegisterAsync(Cloud, Hq, "busyville");
        await TestStore.RegisterAsync(Cloud, Hq, "quietville");
        Write(busy);
        await busy.SyncAsync();

        using var response = await Hq.GetAsync($"/cloud/v1/reports/daily?businessDate={Day:yyyy-MM-dd}");
        var stores = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["busyville", "quietville"], stores.Select(s => s.GetProperty("storeId").GetString()));
        Assert.Equal(Json(DailyReportBuilder.Build(Day, busy.EventsOf(Day))), stores[0].GetProperty("report").GetRawText());
        Assert.Equal(Json(DailyReportBuilder.Build(Day, [])), stores[1].GetProperty("report").GetRawText());
        Assert.Equal(0, stores[1].GetProperty("eventsHeld").GetInt64());
        var z = await StoreEntryAsync("z", Day, "quietville");
        Assert.Equal(Json(ZReportBuilder.Build(Day, [])), z.GetProperty("report").GetRawText());
        Assert.Null(await RowAsync(Cloud.ConnectionString, "quietville", Day));
    }

    [Fact]
    public async Task A_range_of_dates_of_some_stores_is_added_up_by_the_database_as_the_folds_of_its_dates_add_up()
    {
        var a = await TestStore.RegisterAsync(Cloud, Hq, "range-a");
        var b = await TestStore.RegisterAsync(Cloud, Hq, "range-b");
        await TestStore.RegisterAsync(Cloud, Hq, "range-c");
        Write(a);
        Write(b);
        await a.SyncAsync();
        await b.SyncAsync();

        var (sums, days) = await ReadRangeAsync(Day, NextDay, ["range-a", "range-b", "range-c"]);
        Assert.Equal([("range-a", Day), ("range-a", NextDay), ("range-b", Day), ("range-b", NextDay)],
            days.Select(d => (d.StoreId, d.BusinessDate)).Order());
        Assert.Equal(["range-a", "range-b"], sums.Keys.Order());
        foreach (var store in new[] { a, b })
        {
            var folds = new[] { Day, NextDay }.Select(d => DaySums.Of(DailyReportBuilder.Build(d, store.EventsOf(d)))).ToList();
            var (expected, read) = (DaySums.ByCurrency(folds, true), DaySums.ByCurrency(sums[store.StoreId], true));
            Assert.Equal((Json(expected.Total), Json(expected.Totals)), (Json(read.Total), Json(read.Totals)));
            Assert.All(days.Where(d => d.StoreId == store.StoreId), d => Assert.Equal(store.EventsOf(d.BusinessDate).Count, d.Events));
        }
        Assert.Equal(["range-b"], (await ReadRangeAsync(NextDay, NextDay.AddDays(30), ["range-b"])).Days.Select(d => d.StoreId));
        Assert.Equal(4, (await ReadRangeAsync(Day.AddDays(-30), NextDay, null)).Days.Count);
    }

    private async Task<(Dictionary<string, List<DaySums>> Sums, List<DayHeld> Days)> ReadRangeAsync(DateOnly from, DateOnly to, string[]? stores)
    {
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        return await RangeSums.ReadAsync(conn, tx, from, to, stores, Cloud.Services.GetRequiredService<WeekFiguresRollups>(),
            DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
    }

    /// <summary>Each date's stored row is the fold of the store's events of it, and HQ answers the fold, byte for byte.</summary>
    private async Task AssertFiguresAreTheFoldAsync(TestStore store)
    {
        foreach (var date in new[] { Day, NextDay })
        {
            var events = store.EventsOf(date);
            var row = await RowAsync(Cloud.ConnectionString, store.StoreId, date);
            Assert.NotNull(row);
            Assert.Equal(events.Count, row.Value.Events);
            Assert.Equal(Json(DailyReportBuilder.Build(date, events)), Json(row.Value.Report));
            Assert.Equal(Json(ZReportBuilder.Build(date, events)), Json(row.Value.Z));
            Assert.Equal(Json(DailyReportBuilder.Build(date, events)), (await StoreEntryAsync("daily", date, store.StoreId)).GetProperty("report").GetRawText());
            Assert.Equal(Json(ZReportBuilder.Build(date, events)), (await StoreEntryAsync("z", date, store.StoreId)).GetProperty("report").GetRawText());
        }
    }

    private async Task<JsonElement> StoreEntryAsync(string kind, DateOnly date, string storeId)
    {
        using var response = await Hq.GetAsync($"/cloud/v1/reports/{kind}?businessDate={date:yyyy-MM-dd}&storeId={storeId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray()).Clone();
    }
}
