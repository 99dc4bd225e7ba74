using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pos.Appliance.Database;
using Pos.Appliance.Sync;
using Pos.Appliance.Tests.Cash;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>
/// docs/CONFLICTS.md, R11: the guest comes back the next day for a copy of the receipt. The order's date is sealed (its
/// sales are final), and the copy still prints: it moves no money, so it is journaled on the day it is printed, marked
/// COPY; a tip changed on that order now is refused, its date being sealed.
/// </summary>
public sealed class ReceiptAfterSealTests : IAsyncLifetime
{
    private readonly VirtualPrinterHost _front = VirtualPrinterHost.Start("front");
    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _admin = _appliance.NewClient();
        await _admin.PutMenuAsync();
        using var put = await _admin.SendAsync(HttpMethod.Put, "/api/v1/printers/front",
            new { name = "Front", host = "127.0.0.1", port = _front.Port, station = "receipt", receiptFor = new[] { "*" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _appliance.DisposeAsync();
        await _front.DisposeAsync();
    }

    [Fact]
    public async Task R11_A_copy_of_the_receipt_the_day_after_prints_and_is_journaled_on_that_day()
    {
        var orderId = await _admin.BurgerOrderAsync(); // 1250 + 103 tax
        var paymentId = Guid.NewGuid();
        (await _admin.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/payments", new { paymentId, tender = "card", amountMinor = 1353, tipMinor = 200 })).EnsureSuccessStatusCode();
        (await _admin.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        var first = await (await _admin.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-receipt", new { })).OkJsonAsync();
        Assert.False(first.GetProperty("checks")[0].GetProperty("copy").GetBoolean());
        var orderDate = first.GetProperty("businessDate").GetString();

        // The next day: the order's date is sealed (the sealer runs with the cloud link; this appliance has none).
        var sealer = new DaySealer(_appliance.Services.GetRequiredService<IJournal>(), _appliance.Services.GetRequiredService<PosDatabase>(),
            _appliance.Services.GetRequiredService<StoreClock>(), _appliance.Time);
        _appliance.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await sealer.SealDueAsync(CancellationToken.None) >= 1);

        var copy = await (await _admin.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-receipt", new { })).OkJsonAsync();
        var printed = copy.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal([false, true], printed.Select(c => c.GetProperty("copy").GetBoolean()));
        var paper = await Poll.UntilAsync(() => Task.FromResult(_front.Tickets), t => t.Count >= 2, TimeSpan.FromSeconds(30), "the copy at the receipt printer");
        Assert.Contains("COPY", paper[1].Text, StringComparison.Ordinal);
        Assert.Contains("RECEIPT", paper[1].Text, StringComparison.Ordinal);

        var journal = await _admin.ReadJournalAsync();
        var records = journal.Where(e => e.GetProperty("type").GetString() == "CheckPrinted").ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(orderDate, records[0].GetProperty("businessDate").GetString());
        Assert.NotEqual(orderDate, records[1].GetProperty("businessDate").GetString());

        // Money on a sealed date stays final: the tip from the slip is refused now.
        using var tip = await _admin.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/payments/{paymentId}/tip", new { tipMinor = 300 });
        Assert.Equal(HttpStatusCode.Conflict, tip.StatusCode);
        Assert.Contains("business-day-sealed", await tip.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
