using System.Globalization;
using System.Net;
using Pos.Appliance.Tests.Staff;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Cash;

/// <summary>
/// A drawer session from its float to its over/short: pay-in, pay-out, a cash payment that goes into the payer's drawer
/// and kicks it through the receipt printer (the virtual printer, over TCP, decodes ESC p), once however often the
/// payment is retried, the close that records expected and over/short, and the refusals two devices or a late retry meet.
/// </summary>
public sealed class DrawerSessionTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IAsyncLifetime
{
    private readonly VirtualPrinterHost _receipt = VirtualPrinterHost.Start("receipt");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receipt.DisposeAsync();

    [Fact]
    public async Task A_session_runs_from_float_to_over_short_and_a_cash_payment_kicks_its_drawer_once()
    {
        var admin = fixture.Client;
        await admin.PutReceiptPrinterAndDrawerAsync(_receipt, "receipt-1", "front", pin: 1);
        await admin.PutReceiptPrinterAndDrawerAsync(_receipt, "receipt-1", "back", pin: 0);
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-cash-1", "server"));
        using var till2 = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-cash-2", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("cara", "Cara", "server", "707001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("dev", "Dev", "server", "707002")).StatusCode);
        using var cara = fixture.Appliance.NewClient(await till.SessionAsync("707001"));
        using var dev = fixture.Appliance.NewClient(await till2.SessionAsync("707002"));
        var date = fixture.Appliance.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Nobody signed in: a session is a person's.
        Assert.Equal("validation-failed", (await (await till.OpenSessionAsync("front", Guid.NewGuid(), 10_000)).OkJsonAsync(HttpStatusCode.BadRequest)).Code());
        var sessionId = Guid.NewGuid();
        var opened = await (await cara.OpenSessionAsync("front", sessionId, 10_000)).OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal(("open", "cara", "Cara", 10_000L), (opened.Text("status"), opened.Text("employeeId"), opened.Text("employeeName"), opened.GetProperty("expectedMinor").GetInt64()));
        // The same request again (its answer lost): the same session, nothing new.
        await (await cara.OpenSessionAsync("front", sessionId, 10_000)).OkJsonAsync(HttpStatusCode.Created);
        // Another device, another person, the same drawer: in use. The same person on another drawer: one at a time.
        Assert.Equal("drawer-in-use", (await (await dev.OpenSessionAsync("front", Guid.NewGuid(), 5_000)).OkJsonAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("drawer-session-open", (await (await cara.OpenSessionAsync("back", Guid.NewGuid(), 5_000)).OkJsonAsync(HttpStatusCode.Conflict)).Code());

        await (await cara.MoveAsync(sessionId, "pay-in", 2_000, "coins from the bank")).OkJsonAsync();
        Assert.Equal("validation-failed", (await (await cara.MoveAsync(sessionId, "pay-out", 500, null)).OkJsonAsync(HttpStatusCode.BadRequest)).Code());
        await (await cara.MoveAsync(sessionId, "pay-out", 500, "flowers for the host stand")).OkJsonAsync();
        // Not hers: Dev may not move cash in Cara's drawer.
        Assert.Equal(HttpStatusCode.Forbidden, (await dev.MoveAsync(sessionId, "pay-in", 100, "mine")).StatusCode);

        // A cash payment of 20.00 on 13.53 with a 1.00 tip: 6.47 change; 13.53 and the tip stay in the drawer.
        var orderId = await cara.BurgerOrderAsync();
        var paymentId = Guid.NewGuid();
        var paid = await (await cara.PayCashAsync(orderId, paymentId, 2_000, 100, "pay-1")).OkJsonAsync();
        Assert.Equal(647, paid.GetProperty("changeDueMinor").GetInt64());
        var kick = await Poll.UntilAsync(() => Task.FromResult(_receipt.Kicks), k => k.Count >= 1, TimeSpan.FromSeconds(30), "the drawer kick at the receipt printer");
        Assert.Equal((1, 50, 500), (kick[0].Pin, kick[0].OnMs, kick[0].OffMs));
        Assert.Equal("drawer kick pin 1 (50 ms on, 500 ms off)", kick[0].ToString());
        // Retried, under its key and without: the same payment, no second kick.
        await (await cara.PayCashAsync(orderId, paymentId, 2_000, 100, "pay-1")).OkJsonAsync();
        await (await cara.PayCashAsync(orderId, paymentId, 2_000, 100, "pay-1-again")).OkJsonAsync();
        (await cara.PostAsync($"/api/v1/orders/{orderId}/close", null)).EnsureSuccessStatusCode();
        var kickJobs = (await admin.GetJsonAsync("/api/v1/printers/receipt-1/jobs")).GetProperty("jobs").EnumerateArray()
            .Where(j => j.Text("kind") == "drawer-kick").ToList();
        Assert.Single(kickJobs);
        Assert.Equal(orderId.ToString(), kickJobs[0].Text("orderId"));

        var during = await admin.GetJsonAsync($"/api/v1/drawer-sessions/{sessionId}");
        Assert.Equal((1353L, 100L, 12_953L), (during.GetProperty("cashSalesMinor").GetInt64(), during.GetProperty("cashTipsMinor").GetInt64(), during.GetProperty("expectedMinor").GetInt64()));

        // Counted 2.00 short.
        var closed = await (await cara.CloseSessionAsync(sessionId, 12_753, "close-1")).OkJsonAsync();
        Assert.Equal(("closed", 12_953L, 12_753L, -200L), (closed.Text("status"), closed.GetProperty("expectedMinor").GetInt64(),
            closed.GetProperty("countedMinor").GetInt64(), closed.GetProperty("overShortMinor").GetInt64()));
        // Closing twice with the same count (a retry): the same; another count or a movement after the close: refused.
        Assert.Equal(-200, (await (await cara.CloseSessionAsync(sessionId, 12_753)).OkJsonAsync()).GetProperty("overShortMinor").GetInt64());
        Assert.Equal("drawer-session-closed", (await (await cara.CloseSessionAsync(sessionId, 12_953)).OkJsonAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("drawer-session-closed", (await (await cara.MoveAsync(sessionId, "pay-in", 100, "late")).OkJsonAsync(HttpStatusCode.Conflict)).Code());

        // The drawer is free again; cash taken now by Cara is nobody's drawer's: no kick, unassigned cash.
        var later = await cara.BurgerOrderAsync();
        await (await cara.PayCashAsync(later, Guid.NewGuid(), 1_353, 0, "pay-2")).OkJsonAsync();
        (await cara.PostAsync($"/api/v1/orders/{later}/close", null)).EnsureSuccessStatusCode();
        // A no-sale opening: journaled, kicked, counted.
        var noSale = await (await cara.SendAsync(HttpMethod.Post, "/api/v1/drawers/back/kick", new { reason = "change for a twenty" })).OkJsonAsync();
        Assert.Equal(0, noSale.GetProperty("pin").GetInt32());
        await Poll.UntilAsync(() => Task.FromResult(_receipt.Kicks), k => k.Count >= 2, TimeSpan.FromSeconds(30), "the no-sale kick");
        Assert.Equal(0, _receipt.Kicks[1].Pin);

        var events = await admin.ReadJournalAsync();
        var close = Assert.Single(events, e => e.Text("type") == "DrawerSessionClosed" && e.Text("streamId") == $"drawer-session-{sessionId}");
        Assert.Equal(("till-cash-1", "cara", date), (close.Text("deviceId"), close.Text("employeeId"), close.Text("businessDate")));
        var data = close.GetProperty("data");
        Assert.Equal((10_000L, 2_000L, 500L, 1353L, 100L, 12_953L, 12_753L, -200L), (data.GetProperty("floatMinor").GetInt64(),
            data.GetProperty("payInsMinor").GetInt64(), data.GetProperty("payOutsMinor").GetInt64(), data.GetProperty("cashSalesMinor").GetInt64(),
            data.GetProperty("cashTipsMinor").GetInt64(), data.GetProperty("expectedMinor").GetInt64(), data.GetProperty("countedMinor").GetInt64(),
            data.GetProperty("overShortMinor").GetInt64()));
        Assert.All(events.Where(e => e.Text("type") is "DrawerSessionOpened" or "DrawerCashMoved" or "DrawerCashTaken" or "DrawerKicked"),
            e => Assert.Equal("cara", e.Text("employeeId")));

        var z = await admin.GetJsonAsync($"/api/v1/reports/z?businessDate={date}");
        var row = Assert.Single(z.GetProperty("drawers").EnumerateArray(), d => d.Text("sessionId") == sessionId.ToString());
        Assert.Equal((-200L, 1353L), (row.GetProperty("overShortMinor").GetInt64(), row.GetProperty("cashSalesMinor").GetInt64()));
        Assert.True(z.GetProperty("noSaleCount").GetInt32() >= 1);
        Assert.True(z.GetProperty("unassignedCashMinor").GetInt64() >= 1353);
    }
}
