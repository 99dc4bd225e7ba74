using System.Net;
using System.Text.Json;
using Pos.Contracts.Cash;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Tests;

/// <summary>HQ's Z report: per store, exactly the appliance's, built by the same fold from the synced journal.</summary>
public sealed class ZReportTests : CloudTest
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    [Fact]
    public async Task A_stores_Z_report_in_the_cloud_is_the_appliances_with_its_drawer_tips_hours_and_no_sales()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "zville");
        var at = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5));
        var shift = store.ClockIn(Day, "ana", "Ana", at);
        var session = Guid.NewGuid();
        var stream = CashEvents.SessionStreamOf(session);
        store.Cash(CashEvents.DrawersStream, new DrawerAssigned("front", session, "ana"), null, "ana");
        store.Cash(stream, new DrawerSessionOpened(session, "front", "ana", "Ana", 10_000, at), Day, "ana");
        store.Cash(stream, new DrawerCashMoved(session, Guid.NewGuid(), CashEvents.PayOut, 700, "window cleaner", at.AddMinutes(5)), Day, "ana");
        var cash = store.Open(Day, employeeId: "ana");
        store.Line(cash, "burger", "Burger", 1, 1250, 825);
        store.PayIntoDrawer(cash, session, 2_000, 647, 100, "ana");
        store.Close(cash);
        var card = store.Open(Day, employeeId: "ana");
        store.Line(card, "burger", "Burger", 1, 1250, 825);
        store.Pay(card, Tender.Card, 1353, tipMinor: 250, employeeId: "ana");
        store.Close(card);
        var loose = store.Open(Day);
        store.Line(loose, "soda", "Soda", 2, 200, 0);
        store.Pay(loose, Tender.Cash, 400);
        store.Close(loose);
        store.Cash(CashEvents.KickStreamOf(Guid.NewGuid()), new DrawerKicked(Guid.NewGuid(), "front", "receipt", 0, "change", session, Guid.NewGuid()), Day, "ana");
        store.Cash(stream, new DrawerSessionClosed(session, "front", "ana", 10_000, 0, 700, 1353, 100, 10_753, 10_700, -53, at.AddHours(3)), Day, "ana");
        store.Cash(CashEvents.DrawersStream, new DrawerReleased("front", session), null, "ana");
        store.ClockOut(Day, "ana", "Ana", shift, at, at.AddMinutes(190));
        await store.SyncAsync();

        using var response = await Hq.GetAsync("/cloud/v1/reports/z?businessDate=2026-11-25&storeId=zville");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var entry = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray());
        var report = entry.GetProperty("report");
        Assert.Equal(ApplianceJson(Day, store), report.GetRawText());

        Assert.Equal((3, 1, 400L, -53L), (report.GetProperty("ordersClosed").GetInt32(), report.GetProperty("noSaleCount").GetInt32(),
            report.GetProperty("unassignedCashMinor").GetInt64(), report.GetProperty("overShortMinor").GetInt64()));
        var ana = Assert.Single(report.GetProperty("byEmployee").EnumerateArray());
        Assert.Equal(("ana", 2, 350L, 1353L, 1353L, 190L), (ana.GetProperty("employeeId").GetString(), ana.GetProperty("ordersClosed").GetInt32(),
            ana.GetProperty("tipsMinor").GetInt64(), ana.GetProperty("cashMinor").GetInt64(), ana.GetProperty("cardMinor").GetInt64(),
            ana.GetProperty("minutesWorked").GetInt64()));
        var drawer = Assert.Single(report.GetProperty("drawers").EnumerateArray());
        Assert.Equal(("closed", 10_753L, -53L), (drawer.GetProperty("status").GetString(), drawer.GetProperty("expectedMinor").GetInt64(),
            drawer.GetProperty("overShortMinor").GetInt64()));
    }

    [Fact]
    public async Task A_missing_date_is_400_an_unknown_store_404_and_no_token_401()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Hq.GetAsync("/cloud/v1/reports/z")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Hq.GetAsync("/cloud/v1/reports/z?businessDate=2026-11-25&storeId=nowhere")).StatusCode);
        using var anonymous = Cloud.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/cloud/v1/reports/z?businessDate=2026-11-25")).StatusCode);
    }

    /// <summary>The appliance's answer: its Z report built from its own journal, written with its HTTP JSON options.</summary>
    private static string ApplianceJson(DateOnly date, TestStore store)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EventJson.Configure(options);
        return JsonSerializer.Serialize(ZReportBuilder.Build(date, store.EventsOf(date)), options);
    }
}
