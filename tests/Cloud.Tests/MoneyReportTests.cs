using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Tests;

/// <summary>
/// Discounts, comps, tip adjustments and refunds in HQ's daily and Z reports: the appliance's figures exactly, each on
/// the right business date (a refund given the next day counts on the next day, never in its order's sales).
/// </summary>
public sealed class MoneyReportTests : CloudTest
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly DateOnly NextDay = Day.AddDays(1);

    [Fact]
    public async Task A_day_with_every_kind_is_the_same_in_the_store_and_the_cloud_and_a_later_refund_counts_on_its_own_date()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "moneyville");
        // A: a comp on the fries (475), then 10 % off the order (of the burger's 1250 left: 125); card, tip 200 adjusted to 300.
        var a = store.Open(Day);
        store.Line(a, "burger", "Burger", 1, 1250, 825);
        var fries = store.Line(a, "fries", "Fries", 1, 475, 825);
        Order(store, a, new DiscountApplied(Guid.NewGuid(), fries, 10_000, null, "cold", Comp: true), Day);
        Order(store, a, new DiscountApplied(Guid.NewGuid(), null, 1_000, null, "regular", Comp: false), Day);
        var cardPayment = Guid.NewGuid();
        Order(store, a, new PaymentAdded(cardPayment, Tender.Card, 1218, 200, 0, null), Day); // 1125 + 93 tax
        store.Close(a);
        Order(store, a, new TipAdjusted(cardPayment, 300, 200), Day);
        // B: paid cash, 353 refunded in cash the same day.
        var b = store.Open(Day);
        store.Line(b, "burger", "Burger", 1, 1250, 825);
        store.Pay(b, Tender.Cash, 1353);
        store.Close(b);
        Order(store, b, new RefundRecorded(Guid.NewGuid(), 353, Tender.Cash, "slow", [], Day), Day);
        // C: a soda paid by card, refunded the next day (after the day was sealed).
        var c = store.Open(Day);
        var soda = store.Line(c, "soda", "Soda", 1, 199, 0);
        store.Pay(c, Tender.Card, 199);
        store.Close(c);
        store.Seal(Day);
        Order(store, c, new RefundRecorded(Guid.NewGuid(), 199, Tender.Card, "flat", [soda], NextDay), NextDay);
        await store.SyncAsync();

        var day = await StoreReportAsync("daily", Day);
        Assert.Equal(Json(DailyReportBuilder.Build(Day, store.EventsOf(Day))), day.GetRawText());
        Assert.Equal((3, 2574L, 196L), (day.GetProperty("ordersClosed").GetInt32(), day.GetProperty("netSalesMinor").GetInt64(), day.GetProperty("taxMinor").GetInt64()));
        Assert.Equal((125L, 475L, 0L), (day.GetProperty("discountsMinor").GetInt64(), day.GetProperty("compsMinor").GetInt64(), day.GetProperty("voidsMinor").GetInt64()));
        Assert.Equal((300L, 100L, 1), (day.GetProperty("tipsMinor").GetInt64(), day.GetProperty("tipAdjustmentsMinor").GetInt64(), day.GetProperty("tipAdjustmentCount").GetInt32()));
        Assert.Equal((353L, 1, 353L, 0L), (day.GetProperty("refundsMinor").GetInt64(), day.GetProperty("refundCount").GetInt32(),
            day.GetProperty("refundTenders").GetProperty("cash").GetInt64(), day.GetProperty("refundTenders").GetProperty("card").GetInt64()));
        Assert.Equal(1417, day.GetProperty("tenders").GetProperty("card").GetInt64());

        var next = await StoreReportAsync("daily", NextDay);
        Assert.Equal(Json(DailyReportBuilder.Build(NextDay, store.EventsOf(NextDay))), next.GetRawText());
        Assert.Equal((0, 0L, 199L, 199L), (next.GetProperty("ordersClosed").GetInt32(), next.GetProperty("netSalesMinor").GetInt64(),
            next.GetProperty("refundsMinor").GetInt64(), next.GetProperty("refundTenders").GetProperty("card").GetInt64()));

        var z = await StoreReportAsync("z", Day);
        Assert.Equal(Json(ZReportBuilder.Build(Day, store.EventsOf(Day))), z.GetRawText());
        Assert.Equal((125L, 475L, 353L, 100L), (z.GetProperty("discountsMinor").GetInt64(), z.GetProperty("compsMinor").GetInt64(),
            z.GetProperty("refundsMinor").GetInt64(), z.GetProperty("tipAdjustmentsMinor").GetInt64()));
        var zNext = await StoreReportAsync("z", NextDay);
        Assert.Equal(Json(ZReportBuilder.Build(NextDay, store.EventsOf(NextDay))), zNext.GetRawText());
        Assert.Equal(199, zNext.GetProperty("refundsMinor").GetInt64());
    }

    private static void Order(TestStore store, Guid orderId, OrderEvent e, DateOnly businessDate)
    {
        var made = OrderEvents.ToNew(e);
        store.Append(OrderEvents.StreamOf(orderId), made.Type, made.Data, businessDate);
    }

    private static string Json<T>(T report)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EventJson.Configure(options);
        return JsonSerializer.Serialize(report, options);
    }

    private async Task<JsonElement> StoreReportAsync(string kind, DateOnly date)
    {
        using var response = await Hq.GetAsync($"/cloud/v1/reports/{kind}?businessDate={date:yyyy-MM-dd}&storeId=moneyville");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var store = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray());
        return store.GetProperty("report").Clone();
    }
}
