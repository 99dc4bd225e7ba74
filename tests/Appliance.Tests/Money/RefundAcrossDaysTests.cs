using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Appliance.Sync;
using Pos.Appliance.Tests.Cash;
using Pos.Appliance.Tests.Staff;
using Pos.Grains.Journal;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Money;

/// <summary>
/// Refunds and tips after the day: a refund given the next business date is journaled on that date (and counted there),
/// untouched by the seal of its order's date, while a tip adjustment belongs to the order's date and is refused once
/// that date is sealed. A cash refund comes out of the refunding person's drawer like a pay-out.
/// </summary>
public sealed class RefundAcrossDaysTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;
    private readonly VirtualPrinterHost _receipt = VirtualPrinterHost.Start("receipt");

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _admin = _appliance.NewClient();
        await _admin.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _appliance.DisposeAsync();
        await _receipt.DisposeAsync();
    }

    [Fact]
    public async Task A_refund_the_next_day_counts_on_that_day_past_the_seal_while_a_tip_adjustment_is_refused()
    {
        var orderId = await _admin.BurgerOrderAsync();
        var paymentId = Guid.NewGuid();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { paymentId, tender = "card", amountMinor = 1353, tipMinor = 100 })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        // Before the seal, the signed slip's tip is taken, after close.
        await (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments/{paymentId}/tip", new { tipMinor = 180 })).OkJsonAsync();
        var before = await _admin.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-25");

        // The next morning: the 25th is sealed.
        _appliance.Time.Advance(TimeSpan.FromHours(13));
        await SealedAsync(Day);

        using var tip = await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments/{paymentId}/tip", new { tipMinor = 250 });
        Assert.Equal("business-day-sealed", (await tip.OkJsonAsync(HttpStatusCode.Conflict)).Code());

        var refundId = Guid.NewGuid();
        var order = await (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/refunds",
            new { refundId, amountMinor = 1353, tender = "card", reason = "allergy" })).OkJsonAsync();
        Assert.Equal(("closed", "2026-11-25", 1353L), (order.Text("status"), order.Text("businessDate"), order.GetProperty("refundedMinor").GetInt64()));
        Assert.Equal("2026-11-26", order.GetProperty("refunds")[0].Text("businessDate"));
        var journal = await _admin.ReadJournalAsync();
        Assert.Equal("2026-11-26", journal.Single(e => e.Text("type") == "RefundRecorded").GetProperty("data").Text("businessDate"));

        // The 25th's figures are final and unchanged; the refund is the 26th's.
        Assert.Equal(before.GetRawText(), (await _admin.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-25")).GetRawText());
        Assert.Equal((1353L, 180L, 80L), (before.GetProperty("grossSalesMinor").GetInt64(), before.GetProperty("tipsMinor").GetInt64(), before.GetProperty("tipAdjustmentsMinor").GetInt64()));
        var next = await _admin.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-26");
        Assert.Equal((0, 1353L, 1353L), (next.GetProperty("ordersClosed").GetInt32(), next.GetProperty("refundsMinor").GetInt64(),
            next.GetProperty("refundTenders").GetProperty("card").GetInt64()));
        var z = await _admin.GetJsonAsync("/api/v1/reports/z?businessDate=2026-11-26");
        Assert.Equal(1353, z.GetProperty("refundsMinor").GetInt64());
    }

    [Fact]
    public async Task A_cash_refund_comes_out_of_the_refunding_managers_open_drawer_session()
    {
        await _admin.PutReceiptPrinterAndDrawerAsync(_receipt, "receipt-1", "front", pin: 0);
        using var till = _appliance.NewClient(await _admin.RegisterDeviceAsync("till-refund", "server"));
        Assert.Equal(HttpStatusCode.OK, (await _admin.SaveEmployeeAsync("mia", "Mia", "manager", "818001")).StatusCode);
        using var mia = _appliance.NewClient(await till.SessionAsync("818001"));
        var sessionId = Guid.NewGuid();
        await (await mia.OpenSessionAsync("front", sessionId, 10_000)).OkJsonAsync(HttpStatusCode.Created);
        var orderId = await mia.BurgerOrderAsync();
        await (await mia.PayCashAsync(orderId, Guid.NewGuid(), 1353, 0, "pay-refund-1")).OkJsonAsync();
        (await mia.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();

        var refundId = Guid.NewGuid();
        var body = new { refundId, amountMinor = 353, tender = "cash", reason = "overcharged" };
        await (await mia.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/refunds", body, "refund-cash-1")).OkJsonAsync();
        // Retried: once in the drawer.
        await (await mia.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/refunds", body, "refund-cash-2")).OkJsonAsync();

        var session = await _admin.GetJsonAsync($"/api/v1/drawer-sessions/{sessionId}");
        Assert.Equal((1353L, 353L, 11_000L), (session.GetProperty("cashSalesMinor").GetInt64(), session.GetProperty("payOutsMinor").GetInt64(),
            session.GetProperty("expectedMinor").GetInt64()));
        var movement = Assert.Single(session.GetProperty("movements").EnumerateArray());
        Assert.Equal((refundId.ToString(), "pay-out"), (movement.Text("movementId"), movement.Text("kind")));
        var z = await _admin.GetJsonAsync("/api/v1/reports/z?businessDate=2026-11-25");
        var drawer = Assert.Single(z.GetProperty("drawers").EnumerateArray());
        Assert.Equal((353L, 11_000L), (drawer.GetProperty("payOutsMinor").GetInt64(), drawer.GetProperty("expectedMinor").GetInt64()));
        Assert.Equal((353L, 353L), (z.GetProperty("refundsMinor").GetInt64(), z.GetProperty("refundTenders").GetProperty("cash").GetInt64()));
        // Counted right: no over/short.
        var closed = await (await mia.CloseSessionAsync(sessionId, 11_000)).OkJsonAsync();
        Assert.Equal(0, closed.GetProperty("overShortMinor").GetInt64());
    }

    /// <summary>The date is sealed: by the store's sealer now, or by its loop meanwhile.</summary>
    private async Task SealedAsync(DateOnly date)
    {
        await ActivatorUtilities.CreateInstance<DaySealer>(_appliance.Services).SealDueAsync(CancellationToken.None);
        var journal = _appliance.Services.GetRequiredService<IJournal>();
        await Poll.UntilAsync(() => journal.ReadStreamAsync(Pos.Contracts.Reports.BusinessDaySealed.StreamId),
            seals => seals.Any(s => s.Data.Contains(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"the seal of {date}");
    }
}
