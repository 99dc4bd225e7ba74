using System.Globalization;
using System.Net;
using Pos.Appliance.Tests.Staff;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Cash;

/// <summary>The Z report: a server's shift, tips and tenders by employee and hour, and the report printed on the receipt printer.</summary>
public sealed class ZReportTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IAsyncLifetime
{
    private readonly VirtualPrinterHost _receipt = VirtualPrinterHost.Start("receipt");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receipt.DisposeAsync();

    [Fact]
    public async Task A_servers_shift_and_tips_are_in_the_Z_report_and_it_prints_on_the_receipt_printer()
    {
        var admin = fixture.Client;
        await admin.PutReceiptPrinterAndDrawerAsync(_receipt, "receipt-z", "z-drawer", pin: 0);
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-z", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("zoe", "Zoe", "server", "808001")).StatusCode);
        using var zoe = fixture.Appliance.NewClient(await till.SessionAsync("808001"));
        var now = fixture.Appliance.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-5));
        var date = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        (await zoe.ClockAsync("zoe", "clock-in")).EnsureSuccessStatusCode();
        await (await zoe.OpenSessionAsync("z-drawer", Guid.NewGuid(), 5_000)).OkJsonAsync(HttpStatusCode.Created);
        var card = await zoe.BurgerOrderAsync();
        (await zoe.PayAsync(card, "card", 1353, tipMinor: 300)).EnsureSuccessStatusCode();
        (await zoe.PostAsync($"/api/v1/orders/{card}/close", null)).EnsureSuccessStatusCode();
        var cash = await zoe.BurgerOrderAsync();
        await (await zoe.PayCashAsync(cash, Guid.NewGuid(), 1_353, 50, "z-cash")).OkJsonAsync();
        (await zoe.PostAsync($"/api/v1/orders/{cash}/close", null)).EnsureSuccessStatusCode();
        fixture.Appliance.Time.Advance(TimeSpan.FromMinutes(95));
        (await zoe.ClockAsync("zoe", "clock-out")).EnsureSuccessStatusCode();

        var z = await admin.GetJsonAsync($"/api/v1/reports/z?businessDate={date}");
        var her = Assert.Single(z.GetProperty("byEmployee").EnumerateArray(), e => e.Text("employeeId") == "zoe");
        Assert.Equal(("Zoe", 2, 2500L, 350L, 1353L, 1353L, 0L, 95L), (her.Text("name"), her.GetProperty("ordersClosed").GetInt32(),
            her.GetProperty("netSalesMinor").GetInt64(), her.GetProperty("tipsMinor").GetInt64(), her.GetProperty("cashMinor").GetInt64(),
            her.GetProperty("cardMinor").GetInt64(), her.GetProperty("otherMinor").GetInt64(), her.GetProperty("minutesWorked").GetInt64()));
        var hour = now.ToString("HH':00'", CultureInfo.InvariantCulture);
        Assert.Contains(z.GetProperty("byHour").EnumerateArray(), h => h.Text("hour") == hour && h.GetProperty("ordersClosed").GetInt32() >= 2);
        Assert.Equal((0L, 0L, 0L), (z.GetProperty("compsMinor").GetInt64(), z.GetProperty("discountsMinor").GetInt64(), z.GetProperty("refundsMinor").GetInt64()));
        // The daily report agrees on the figures both have.
        var daily = await admin.GetJsonAsync($"/api/v1/reports/daily?businessDate={date}");
        Assert.Equal(daily.GetProperty("netSalesMinor").GetInt64(), z.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(daily.GetProperty("tipsMinor").GetInt64(), z.GetProperty("tipsMinor").GetInt64());

        // Printed on the drawers' receipt printer: a job whose text the virtual printer shows.
        var printed = await (await admin.CashPrintAsync(date)).OkJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("receipt-z", printed.Text("printerId"));
        var tickets = await Poll.UntilAsync(() => Task.FromResult(_receipt.Tickets), t => t.Any(x => x.Text.Contains("Z REPORT", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the Z report at the receipt printer");
        var paper = tickets.Last(t => t.Text.Contains("Z REPORT", StringComparison.Ordinal)).Text;
        Assert.Contains($"Z REPORT {date}", paper, StringComparison.Ordinal);
        Assert.Contains("Zoe (zoe)", paper, StringComparison.Ordinal);
        Assert.Contains(printed.Text("jobId")!, paper, StringComparison.Ordinal);
    }
}
