using System.Net;
using Bunit;
using Pos.StaffApp.Manager;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>The manager's "today's report" against the JSON of GET /api/v1/reports/daily: the figures, the hours and the best sellers.</summary>
public sealed class ReportSectionTests : BunitContext
{
    private const string Daily = """
        {"businessDate":"2026-11-25","currency":"USD","ordersClosed":3,"ordersOpen":1,"grossSalesMinor":4060,"voidsMinor":450,
         "netSalesMinor":3750,"taxMinor":310,"tipsMinor":300,"tenders":{"cash":1353,"card":2707,"other":0},
         "items":[{"menuItemId":"burger","name":"Burger","quantity":3,"netSalesMinor":3750}],"labour":[],"writtenOffMinor":0,
         "ordersWrittenOff":0,"ordersCarriedOver":0,"ordersMerged":0,"throughSeq":14,"discountsMinor":0,"compsMinor":0,"refundsMinor":0,
         "refundCount":0,"refundTenders":{"cash":0,"card":0,"other":0},"tipAdjustmentsMinor":0,"tipAdjustmentCount":0,
         "byHour":[{"hour":"12:00","ordersClosed":1,"netSalesMinor":1250},{"hour":"19:00","ordersClosed":2,"netSalesMinor":2500}]}
        """;

    [Fact]
    public void The_days_report_shows_the_orders_closed_by_hour()
    {
        var appliance = new FakeAppliance();
        appliance.On("GET api/v1/reports/daily", HttpStatusCode.OK, Daily);
        var report = Render<ReportSection>(p => p.Add(x => x.Api, new ManagerApi(new HttpClient(appliance) { BaseAddress = new Uri("http://appliance.test/") })));

        report.WaitForAssertion(() => Assert.Equal("USD 37.50", report.Find(".report-net").TextContent));
        Assert.Equal(["12:00 · 1 orderUSD 12.50", "19:00 · 2 ordersUSD 25.00"], report.FindAll(".report-hours li").Select(li => li.TextContent));
    }
}
