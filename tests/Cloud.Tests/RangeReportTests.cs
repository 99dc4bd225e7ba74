using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests;

/// <summary>
/// HQ's report over a range of business dates: each store's sums of its dates, the chain's by item, tender and hour,
/// which dates are not yet proven complete, and currencies never added together.
/// </summary>
public sealed class RangeReportTests : CloudTest
{
    private static readonly DateOnly First = new(2026, 11, 23);
    private static readonly DateOnly Second = First.AddDays(1);

    [Fact]
    public async Task A_range_adds_up_each_stores_dates_by_item_tender_and_hour_and_says_which_dates_are_not_proven()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown", "Downtown");
        var airport = await TestStore.RegisterAsync(Cloud, Hq, "airport", "Airport");
        var paris = await TestStore.RegisterAsync(Cloud, Hq, "paris", "Paris");

        // Downtown: a burger on the first date (sealed), two on the second (not sealed yet), one open order.
        Sale(downtown, First, "burger", "Burger", 1, 1250, Tender.Card);
        downtown.Seal(First);
        Sale(downtown, Second, "burger", "Burger", 2, 1250, Tender.Cash);
        var open = downtown.Open(Second);
        downtown.Line(open, "soda", "Soda", 1, 200, 0);
        // Airport: fries on the second date, both dates sealed.
        airport.Seal(First);
        Sale(airport, Second, "fries", "Fries", 1, 450, Tender.Card);
        airport.Seal(Second);
        // Paris sells in euros: counted apart.
        Sale(paris, First, "burger", "Burger", 1, 1100, Tender.Card, "EUR");
        foreach (var store in new[] { downtown, airport, paris })
        {
            await store.SyncAsync();
        }

        var range = await RangeAsync($"from={First:yyyy-MM-dd}&to={Second:yyyy-MM-dd}", HttpStatusCode.OK);

        Assert.Equal(["airport", "downtown", "paris"], range.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("storeId").GetString()));
        var down = Store(range, "downtown");
        var usd = Assert.Single(down.GetProperty("totals").EnumerateArray());
        Assert.Equal(("USD", 2, 1, 3750L), (usd.GetProperty("currency").GetString(), usd.GetProperty("ordersClosed").GetInt32(),
            usd.GetProperty("ordersOpen").GetInt32(), usd.GetProperty("netSalesMinor").GetInt64()));
        Assert.Equal((2500L + 206, 1250L + 103), (usd.GetProperty("tenders").GetProperty("cash").GetInt64(), usd.GetProperty("tenders").GetProperty("card").GetInt64()));
        Assert.Equal([("20:00", 2, 3750L)], usd.GetProperty("byHour").EnumerateArray()
            .Select(h => (h.GetProperty("hour").GetString(), h.GetProperty("ordersClosed").GetInt32(), h.GetProperty("netSalesMinor").GetInt64())));
        Assert.False(down.GetProperty("complete").GetBoolean());
        Assert.Equal([$"{Second:yyyy-MM-dd}"], down.GetProperty("incompleteDates").EnumerateArray().Select(d => d.GetString()));
        Assert.True(Store(range, "airport").GetProperty("complete").GetBoolean());

        // The chain: one sum per currency, no total across them; items across stores in one list.
        Assert.Equal(JsonValueKind.Null, range.GetProperty("total").ValueKind);
        var totals = range.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(["EUR", "USD"], totals.Select(t => t.GetProperty("currency").GetString()));
        Assert.Equal([("burger", 3L, 3750L), ("fries", 1L, 450L)], totals[1].GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("menuItemId").GetString(), i.GetProperty("quantity").GetInt64(), i.GetProperty("netSalesMinor").GetInt64())));
        Assert.Equal(1100, totals[0].GetProperty("netSalesMinor").GetInt64());
        Assert.False(totals[1].GetProperty("complete").GetBoolean());

        // One store alone: its figures, and a total of one currency.
        var one = await RangeAsync($"from={First:yyyy-MM-dd}&to={Second:yyyy-MM-dd}&storeId=airport", HttpStatusCode.OK);
        Assert.Equal(450, one.GetProperty("total").GetProperty("netSalesMinor").GetInt64());
        Assert.True(one.GetProperty("total").GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task A_groups_reports_cover_its_stores_only()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown", "Downtown");
        var airport = await TestStore.RegisterAsync(Cloud, Hq, "airport", "Airport");
        var uptown = await TestStore.RegisterAsync(Cloud, Hq, "uptown", "Uptown");
        Sale(downtown, First, "burger", "Burger", 1, 1250, Tender.Card);
        Sale(airport, First, "fries", "Fries", 2, 450, Tender.Cash);
        Sale(uptown, First, "burger", "Burger", 3, 1250, Tender.Card);
        foreach (var store in new[] { downtown, airport, uptown })
        {
            await store.SyncAsync();
        }
        using var put = await Hq.PutAsJsonAsync("/cloud/v1/groups/west", new { name = "West", kind = "region", stores = new[] { "downtown", "airport" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var range = await RangeAsync($"from={First:yyyy-MM-dd}&to={Second:yyyy-MM-dd}&groupId=west", HttpStatusCode.OK);
        var daily = await GetAsync($"/cloud/v1/reports/daily?businessDate={First:yyyy-MM-dd}&groupId=west", HttpStatusCode.OK);
        var z = await GetAsync($"/cloud/v1/reports/z?businessDate={First:yyyy-MM-dd}&groupId=west", HttpStatusCode.OK);

        Assert.Equal("west", range.GetProperty("groupId").GetString());
        foreach (var report in new[] { range, daily, z })
        {
            Assert.Equal(["airport", "downtown"], report.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("storeId").GetString()));
        }
        Assert.Equal(1250 + 900, range.GetProperty("total").GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(1250 + 900, daily.GetProperty("total").GetProperty("netSalesMinor").GetInt64());
        await GetAsync($"/cloud/v1/reports/daily?businessDate={First:yyyy-MM-dd}&groupId=east", HttpStatusCode.NotFound);
        await GetAsync($"/cloud/v1/reports/range?from={First:yyyy-MM-dd}&to={First:yyyy-MM-dd}&groupId=west&storeId=uptown", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_range_reads_its_whole_weeks_items_from_week_rows_that_match_their_days_and_the_days_otherwise()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "weekly", "Weekly");
        // Saturday 2026-10-31 to Tuesday 2026-11-17: the whole weeks of Mondays 11-02 and 11-09, and four days at the ends.
        var from = new DateOnly(2026, 10, 31);
        var to = new DateOnly(2026, 11, 17);
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            // The burger is renamed on 11-05: a range names it as its first date that sold it does.
            Sale(store, date, "burger", date < new DateOnly(2026, 11, 5) ? "Cheeseburger" : "Burger", 1 + date.Day % 3, 1250, Tender.Card);
            if (date.Day % 2 == 0)
            {
                Sale(store, date, "fries", "Fries", 2, 450, Tender.Cash);
            }
        }
        await store.SyncAsync();
        var query = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);

        // The first range reads the days and has the two past weeks added up; the next reads those and says the same.
        var fromDays = await RangeAsync(query, HttpStatusCode.OK);
        Assert.Equal("Cheeseburger", Burger(fromDays).Name);
        await Poll.UntilAsync(WeekRowsAsync, n => n == 2, TimeSpan.FromSeconds(30), "the two whole weeks added up");
        var fromWeeks = await RangeAsync(query, HttpStatusCode.OK);
        Assert.Equal(fromDays.GetRawText(), fromWeeks.GetRawText());

        // What it reads is the week rows: one changed by hand shows in the range, its items and its sums.
        await SqlAsync("""
            update store_week_figures set item_quantities = array(select q + 100 from unnest(item_quantities) q),
                                        orders_closed = orders_closed + 1000, hour_20_net_minor = hour_20_net_minor + 7
            where store_id = 'weekly' and week_start = '2026-11-02'
            """);
        var changed = await RangeAsync(query, HttpStatusCode.OK);
        Assert.Equal(Burger(fromDays).Quantity + 100, Burger(changed).Quantity);
        Assert.Equal(Total(fromDays).GetProperty("ordersClosed").GetInt32() + 1000, Total(changed).GetProperty("ordersClosed").GetInt32());
        Assert.Equal(Hour20(fromDays) + 7, Hour20(changed));

        // A late sale in that week: its days no longer match the row, so the range reads them, at once, and has the
        // week added up again.
        Sale(store, new DateOnly(2026, 11, 4), "burger", "Burger", 1, 1250, Tender.Card);
        await store.SyncAsync();
        var late = await RangeAsync(query, HttpStatusCode.OK);
        Assert.Equal(Burger(fromDays).Quantity + 1, Burger(late).Quantity);
        Assert.Equal("Cheeseburger", Burger(late).Name);
        await Poll.UntilAsync(async () => (await RangeAsync(query, HttpStatusCode.OK)).GetRawText(), text => text == late.GetRawText() && Matches(),
            TimeSpan.FromSeconds(30), "the week added up again");

        async Task<long> WeekRowsAsync()
        {
            await using var cmd = db.CreateCommand("select count(*) from store_week_figures where store_id = 'weekly'");
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        bool Matches()
        {
            using var cmd = db.CreateCommand("""
                select bool_and(r.events = (select sum(f.events) from store_day_figures f
                                            where f.store_id = r.store_id and f.business_date between r.week_start and r.week_start + 6))
                from store_week_figures r where r.store_id = 'weekly'
                """);
            return cmd.ExecuteScalar() is true;
        }

        async Task SqlAsync(string sql)
        {
            await using var cmd = db.CreateCommand(sql);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static JsonElement Total(JsonElement range) => Assert.Single(range.GetProperty("totals").EnumerateArray());

    private static long Hour20(JsonElement range) => Total(range).GetProperty("byHour").EnumerateArray()
        .Single(h => h.GetProperty("hour").GetString() == "20:00").GetProperty("netSalesMinor").GetInt64();

    private static (string Name, long Quantity) Burger(JsonElement range)
    {
        var burger = Assert.Single(range.GetProperty("totals").EnumerateArray()).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("menuItemId").GetString() == "burger");
        return (burger.GetProperty("name").GetString()!, burger.GetProperty("quantity").GetInt64());
    }

    [Theory]
    [InlineData("to=2026-11-24", 400, "from")]
    [InlineData("from=2026-11-24", 400, "to")]
    [InlineData("from=2026-11-24&to=2026-11-23", 400, "to")]
    [InlineData("from=2026-01-01&to=2027-01-02", 400, "to")]
    [InlineData("from=2026-11-24&to=24/11/2026", 400, "to")]
    [InlineData("from=2026-11-23&to=2026-11-24&storeId=nowhere", 404, null)]
    public async Task A_range_asked_wrongly_is_a_problem_naming_what_to_change(string query, int status, string? field)
    {
        var problem = await RangeAsync(query, (HttpStatusCode)status);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        }
    }

    private static void Sale(TestStore store, DateOnly date, string item, string name, int quantity, long price, Tender tender, string currency = "USD")
    {
        var order = store.Open(date, currency);
        store.Line(order, item, name, quantity, price, item == "burger" ? 825 : 0);
        var total = quantity * price + (item == "burger" ? (quantity * price * 825 + 5000) / 10000 : 0);
        store.Pay(order, tender, total);
        store.Close(order);
    }

    private static JsonElement Store(JsonElement range, string storeId) =>
        range.GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == storeId);

    private Task<JsonElement> RangeAsync(string query, HttpStatusCode status) => GetAsync($"/cloud/v1/reports/range?{query}", status);

    private async Task<JsonElement> GetAsync(string path, HttpStatusCode status)
    {
        using var response = await Hq.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
