using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Pos.StaffApp.Cash;
using Pos.StaffApp.Manager;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>
/// The drawer and Z report screens against the JSON of the cash contract (/work/notes/cash.md), before the appliance
/// serves those routes: the browser tests that drive them against a real appliance are in Browser/CashTests.cs.
/// </summary>
public sealed class CashScreensTests : BunitContext
{
    private readonly FakeAppliance _appliance = new();

    public CashScreensTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // A phone not started: no role known, so the Z report's date is the phone's (a manager's phone asks the store's).
        Services.AddSingleton(new Pos.StaffApp.Device.DeviceSession(JSInterop.JSRuntime, new Pos.StaffApp.Pairing.DeviceToken(JSInterop.JSRuntime),
            new Uri("http://appliance.test/"), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Pos.StaffApp.Device.DeviceSession>.Instance));
    }

    public const string OpenSession = """
        {"sessionId":"5b0e6c1e-0000-4000-8000-000000000001","drawerId":"front","employeeId":"ana","employeeName":"Ana","status":"open",
         "openedAt":"2026-11-25T17:02:00+00:00","floatMinor":15000,"payInsMinor":2000,"payOutsMinor":500,"cashSalesMinor":4250,
         "expectedMinor":20750,"movements":[{"movementId":"m1","kind":"pay-in","amountMinor":2000,"reason":"change from the bank","at":"2026-11-25T18:00:00+00:00"},
         {"movementId":"m2","kind":"pay-out","amountMinor":500,"reason":"milk","at":"2026-11-25T19:00:00+00:00"}]}
        """;

    public const string ClosedSession = """
        {"sessionId":"5b0e6c1e-0000-4000-8000-000000000001","drawerId":"front","employeeId":"ana","employeeName":"Ana","status":"closed",
         "openedAt":"2026-11-25T17:02:00+00:00","closedAt":"2026-11-25T23:10:00+00:00","floatMinor":15000,"payInsMinor":2000,"payOutsMinor":500,
         "cashSalesMinor":4250,"expectedMinor":20750,"countedMinor":20600,"overShortMinor":-150,"movements":[]}
        """;

    public const string Z = """
        {"businessDate":"2026-11-25","currency":"USD","throughSeq":812,"ordersClosed":41,"grossSalesMinor":198000,"netSalesMinor":182900,
         "taxMinor":15100,"tipsMinor":23400,"tenders":{"cash":52000,"card":146000,"other":0},"voidsMinor":2500,"voidCount":2,"compsMinor":1250,
         "discountsMinor":900,"refundsMinor":0,"noSaleCount":1,"unassignedCashMinor":700,
         "byEmployee":[{"employeeId":"ana","name":"Ana","ordersClosed":22,"netSalesMinor":99000,"tipsMinor":13100,"cashMinor":30000,"cardMinor":77000,
                        "otherMinor":0,"voidsMinor":2500,"minutesWorked":431}],
         "byHour":[{"hour":"18:00","ordersClosed":9,"netSalesMinor":40100}],
         "drawers":[{"sessionId":"5b0e6c1e-0000-4000-8000-000000000001","drawerId":"front","employeeId":"ana","floatMinor":15000,"payInsMinor":2000,
                     "payOutsMinor":500,"cashSalesMinor":4250,"expectedMinor":20750,"countedMinor":20600,"overShortMinor":-150}],
         "overShortMinor":-150}
        """;

    private IRenderedComponent<DrawerSessionPanel> Panel(List<DrawerSessionView> changed) => Render<DrawerSessionPanel>(p => p
        .Add(x => x.Drawer, new DrawerView("front", "Front drawer", "receipt", 0, null))
        .Add(x => x.Session, JsonSerializer.Deserialize(OpenSession, CashJson.Default.DrawerSessionView)!)
        .Add(x => x.Currency, "USD")
        .Add(x => x.Api, new CashApi(_appliance.Client()))
        .Add(x => x.OnChanged, EventCallback.Factory.Create<DrawerSessionView>(this, changed.Add)));

    [Fact]
    public void An_open_drawer_shows_its_float_movements_and_what_it_should_hold()
    {
        var panel = Panel([]);

        Assert.Contains("USD 150.00", panel.Find(".drawer-figures").TextContent, StringComparison.Ordinal);
        Assert.Equal("USD 207.50", panel.Find(".drawer-expected").TextContent);
        Assert.Equal(2, panel.FindAll(".movements li").Count);
        Assert.Contains("Out · milk", panel.Find(".movements").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pay_out_without_its_reason_is_not_sent()
    {
        var panel = Panel([]);
        panel.FindAll("input[type=radio]")[1].Change(true);
        panel.Find("#movement-amount").Input("12.00");
        panel.FindAll("form")[0].Submit();

        Assert.Equal("A pay-out needs its reason.", panel.Find("[role=alert]").TextContent);
        Assert.Empty(_appliance.Requests);
    }

    [Fact]
    public void A_pay_in_is_sent_with_its_ids_and_key_as_the_contract_says()
    {
        _appliance.On("POST api/v1/drawer-sessions/5b0e6c1e-0000-4000-8000-000000000001/movements", HttpStatusCode.OK, OpenSession);
        var changed = new List<DrawerSessionView>();
        var panel = Panel(changed);
        panel.Find("#movement-amount").Input("20");
        panel.Find("#movement-reason").Input("change from the bank");
        panel.FindAll("form")[0].Submit();

        panel.WaitForAssertion(() => Assert.Single(changed));
        var (_, body, key) = Assert.Single(_appliance.Requests);
        var sent = JsonDocument.Parse(body).RootElement;
        Assert.Equal("pay-in", sent.GetProperty("kind").GetString());
        Assert.Equal(2000, sent.GetProperty("amountMinor").GetInt64());
        Assert.Equal("change from the bank", sent.GetProperty("reason").GetString());
        Assert.True(Guid.TryParse(sent.GetProperty("movementId").GetString(), out _));
        Assert.NotNull(key);
    }

    [Fact]
    public void Closing_sends_the_count_and_hands_on_the_over_short()
    {
        _appliance.On("POST api/v1/drawer-sessions/5b0e6c1e-0000-4000-8000-000000000001/close", HttpStatusCode.OK, ClosedSession);
        var changed = new List<DrawerSessionView>();
        var panel = Panel(changed);
        panel.Find("#drawer-counted").Input("206.00");
        panel.FindAll("form")[1].Submit();

        panel.WaitForAssertion(() => Assert.Single(changed));
        Assert.Equal(20600, JsonDocument.Parse(_appliance.Requests.Single().Body).RootElement.GetProperty("countedMinor").GetInt64());
        Assert.Equal(-150, changed[0].OverShortMinor);
        Assert.False(changed[0].Open);
    }

    [Fact]
    public void A_refusal_of_the_appliance_is_said_in_its_words()
    {
        _appliance.On("POST api/v1/drawer-sessions/5b0e6c1e-0000-4000-8000-000000000001/close", HttpStatusCode.Conflict,
            """{"status":409,"code":"drawer-session-closed","detail":"This drawer session is closed already."}""");
        var panel = Panel([]);
        panel.Find("#drawer-counted").Input("206");
        panel.FindAll("form")[1].Submit();

        panel.WaitForAssertion(() => Assert.Equal("This drawer session is closed already.", panel.Find("[role=alert]").TextContent));
    }

    [Fact]
    public void The_z_report_shows_the_day_by_tender_employee_hour_and_drawer_and_prints_on_request()
    {
        Services.AddSingleton(new HttpClient(_appliance) { BaseAddress = new Uri("http://appliance.test/") });
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero)));
        _appliance.On("GET api/v1/reports/z?businessDate=2026-11-25", HttpStatusCode.OK, Z);
        _appliance.On("POST api/v1/reports/z/print", HttpStatusCode.Accepted, """{"jobId":"0d6f0000-0000-4000-8000-000000000009"}""");
        var z = Render<ZReportSection>();

        z.Find("form").Submit();

        z.WaitForAssertion(() => Assert.Equal("USD 1,829.00", z.Find(".z-net").TextContent));
        Assert.Equal("short USD 1.50", z.Find(".z-over-short").TextContent);
        Assert.Contains("Ana", z.Find(".z-employees").TextContent, StringComparison.Ordinal);
        Assert.Contains("worked 7 h 11 min", z.Find(".z-employees").TextContent, StringComparison.Ordinal);
        Assert.Contains("18:00 · 9 orders", z.Find(".z-hours").TextContent, StringComparison.Ordinal);
        Assert.Contains("counted USD 206.00", z.Find(".z-drawers").TextContent, StringComparison.Ordinal);

        z.FindAll("button").Single(b => b.TextContent == "Print the Z report").Click();
        z.WaitForAssertion(() => Assert.Contains("is printing on the receipt printer", z.Markup, StringComparison.Ordinal));
        var print = _appliance.Requests.Single(r => r.Route == "POST api/v1/reports/z/print");
        Assert.Equal("2026-11-25", JsonDocument.Parse(print.Body).RootElement.GetProperty("businessDate").GetString());
    }

    [Fact]
    public void A_z_report_refused_for_want_of_a_manager_says_so()
    {
        Services.AddSingleton(new HttpClient(_appliance) { BaseAddress = new Uri("http://appliance.test/") });
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero)));
        _appliance.On("GET api/v1/reports/z?businessDate=2026-11-25", HttpStatusCode.Forbidden,
            """{"status":403,"code":"permission-denied","detail":"The server role may not read the day's reports.","permission":"reports.read"}""");
        var z = Render<ZReportSection>();

        z.Find("form").Submit();

        z.WaitForAssertion(() => Assert.StartsWith("Needs a manager: this phone's role may not do this (reports.read).", z.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }
}

/// <summary>A store clock stopped at one moment, in UTC.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
