using System.Net;
using System.Text.Json;
using Pos.Appliance.Tests.Cash;
using Pos.Appliance.Tests.Staff;
using Pos.Grains.Printing.EscPos;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>
/// The guest check and the receipt: printed on the device's receipt printer (the virtual printer on a real TCP port, its
/// bytes decoded by the project's ESC/POS reader), COPY when printed again, once per command however often it is sent,
/// and kept by a receipt printer that is down until it comes back.
/// </summary>
public sealed class GuestCheckTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IAsyncLifetime
{
    private readonly VirtualPrinterHost _front = VirtualPrinterHost.Start("front");
    private readonly VirtualPrinterHost _bar = VirtualPrinterHost.Start("bar");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _front.DisposeAsync();
        await _bar.DisposeAsync();
    }

    [Fact]
    public async Task The_check_and_the_receipt_print_on_the_devices_receipt_printer_and_a_second_print_says_COPY()
    {
        var admin = fixture.Client;
        await PutPrinterAsync(admin, "front-receipt", _front, ["till-gc"]);
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-gc", "server"));
        var orderId = await till.BurgerOrderAsync(); // 1250 + 103 tax

        var check = await (await till.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { })).OkJsonAsync();
        var first = Assert.Single(check.GetProperty("checks").EnumerateArray());
        Assert.Equal(("check", "front-receipt", false), (first.Text("kind"), first.Text("printerId"), first.GetProperty("copy").GetBoolean()));
        var paper = await PaperAsync(_front, 1);
        // Decoded by the project's ESC/POS reader: a whole page, its title bold, cut, and nothing the reader does not know.
        Assert.IsType<InitializeCommand>(paper.Commands[0]);
        Assert.Contains(paper.Commands, c => c is BoldCommand { On: true });
        Assert.Contains(paper.Commands, c => c is CutCommand);
        Assert.DoesNotContain(paper.Commands, c => c is UnknownCommand);
        var text = paper.Text;
        Assert.Contains("GUEST CHECK", text, StringComparison.Ordinal);
        Assert.DoesNotContain("COPY", text, StringComparison.Ordinal);
        Assert.Contains("Table 12", text, StringComparison.Ordinal);
        Assert.Contains(Row("1 Burger", "12.50"), text, StringComparison.Ordinal);
        Assert.Contains(Row("Tax", "1.03"), text, StringComparison.Ordinal);
        Assert.Contains(Row("TOTAL", "13.53"), text, StringComparison.Ordinal);
        // Suggested tips on the subtotal before tax: 18 %, 20 %, 22 % of 12.50.
        Assert.Contains(Row("  18%", "2.25"), text, StringComparison.Ordinal);
        Assert.Contains(Row("  22%", "2.75"), text, StringComparison.Ordinal);
        Assert.Contains(first.Text("jobId")!, text, StringComparison.Ordinal);

        // The same check again, nothing changed: a COPY. The same command sent again (its key) prints nothing more.
        const string key = "gc-second-check";
        var again = await (await till.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { }, key)).OkJsonAsync();
        Assert.True(again.GetProperty("checks")[1].GetProperty("copy").GetBoolean());
        var retried = await (await till.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { }, key)).OkJsonAsync();
        Assert.Equal(2, retried.GetProperty("checks").GetArrayLength());
        Assert.Contains("** COPY **", (await PaperAsync(_front, 2)).Text, StringComparison.Ordinal);

        // A receipt follows a payment.
        var early = await till.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-receipt", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("nothing-paid", (await early.JsonAsync()).Code());
        (await till.PayAsync(orderId, "card", 1353)).EnsureSuccessStatusCode();
        (await till.PostAsync($"/api/v1/orders/{orderId}/close", null)).EnsureSuccessStatusCode();

        // After close too, and through a device's batch like any command: once per commandId.
        var batch = new
        {
            deviceId = "till-gc",
            commands = new[] { new { commandId = "gc-receipt-1", type = "print-receipt", orderId, issuedAt = DateTimeOffset.UtcNow, payload = new { } } },
        };
        var sent = await (await till.SendAsync(HttpMethod.Post, "/api/v1/sync/commands", batch)).OkJsonAsync();
        Assert.Equal("applied", sent.GetProperty("results")[0].Text("outcome"));
        var resent = await (await till.SendAsync(HttpMethod.Post, "/api/v1/sync/commands", batch)).OkJsonAsync();
        Assert.Equal(sent.GetProperty("results")[0].GetRawText(), resent.GetProperty("results")[0].GetRawText()); // the first answer, kept
        var receipt = (await PaperAsync(_front, 3)).Text;
        Assert.Contains("RECEIPT", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("COPY", receipt, StringComparison.Ordinal);
        Assert.Contains(Row("Card", "13.53"), receipt, StringComparison.Ordinal);
        Assert.Contains(Row("Paid in full", "13.53"), receipt, StringComparison.Ordinal);
        Assert.Contains("Signature", receipt, StringComparison.Ordinal); // a card payment without a tip yet: the slip's lines

        var copy = await (await till.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-receipt", new { })).OkJsonAsync();
        Assert.True(copy.GetProperty("checks")[3].GetProperty("copy").GetBoolean());
        Assert.Contains("** COPY **", (await PaperAsync(_front, 4)).Text, StringComparison.Ordinal);
        Assert.Equal(4, _front.Tickets.Count); // the retried command and the repeated batch printed nothing

        // Each print is in the journal: the order's CheckPrinted and its job, in one transaction.
        var journal = await admin.ReadJournalAsync();
        Assert.Equal(4, journal.Count(e => e.Text("type") == "CheckPrinted" && e.Text("streamId") == $"order-{orderId}"));
    }

    [Fact]
    public async Task A_receipt_printer_that_is_down_keeps_the_check_and_prints_it_once_when_it_returns()
    {
        var admin = fixture.Client;
        await PutPrinterAsync(admin, "bar-receipt", _bar, ["bar"]);
        using var tablet = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("bar-tablet", "server"));
        var orderId = await tablet.BurgerOrderAsync();
        _bar.SetMode("offline");

        // The tablet says it stands at the bar: the bar's receipt printer takes the check, and keeps it while it is down.
        var check = await (await tablet.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { station = "bar" })).OkJsonAsync();
        Assert.Equal("bar-receipt", check.GetProperty("checks")[0].Text("printerId"));
        await Poll.UntilAsync(() => admin.GetJsonAsync("/api/v1/printers"),
            p => Printer(p, "bar-receipt") is { } bar && bar.GetProperty("queueDepth").GetInt32() == 1 && bar.Text("status") == "offline",
            TimeSpan.FromSeconds(30), "the bar's receipt printer to report offline with the check queued");
        Assert.Empty(_bar.Tickets);

        _bar.SetMode("online");
        await Poll.UntilAsync(async () =>
            {
                fixture.Appliance.Time.Advance(TimeSpan.FromSeconds(5)); // the printer's retry runs on the store clock
                return await admin.GetJsonAsync("/api/v1/printers");
            },
            p => Printer(p, "bar-receipt")!.Value.GetProperty("queueDepth").GetInt32() == 0 && _bar.Tickets.Count > 0,
            TimeSpan.FromSeconds(60), "the check to print once the printer is back");
        var printed = Assert.Single(_bar.Tickets);
        Assert.Contains("GUEST CHECK", printed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("REPRINT", printed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_no_receipt_printer_serves_gets_a_clear_422_and_nothing_is_journaled()
    {
        var admin = fixture.Client;
        using var phone = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("phone-gc", "server"));
        var orderId = await phone.BurgerOrderAsync();
        var head = await fixture.HeadSeqAsync();

        var none = await phone.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { });
        Assert.Equal((HttpStatusCode)422, none.StatusCode);
        Assert.Equal("no-receipt-printer", (await none.JsonAsync()).Code());
        var unknown = await phone.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { printerId = "nowhere" });
        Assert.Equal((HttpStatusCode)422, unknown.StatusCode);
        Assert.Equal("unknown-printer", (await unknown.JsonAsync()).Code());
        var bad = await phone.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/print-check", new { printerId = "no spaces!" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    private static async Task PutPrinterAsync(HttpClient admin, string printerId, VirtualPrinterHost printer, string[] receiptFor)
    {
        using var put = await admin.SendAsync(HttpMethod.Put, $"/api/v1/printers/{printerId}",
            new { name = printerId, host = "127.0.0.1", port = printer.Port, station = "receipt", receiptFor });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var listed = Printer(await admin.GetJsonAsync("/api/v1/printers"), printerId)!.Value;
        Assert.Equal(receiptFor, listed.GetProperty("receiptFor").EnumerateArray().Select(e => e.GetString()));
    }

    private static JsonElement? Printer(JsonElement list, string printerId) =>
        list.GetProperty("printers").EnumerateArray().Where(p => p.Text("printerId") == printerId).Select(p => (JsonElement?)p).FirstOrDefault();

    private static Task<ReceivedTicket> PaperAsync(VirtualPrinterHost printer, int count) =>
        Poll.UntilAsync(() => Task.FromResult(printer.Tickets), t => t.Count >= count, TimeSpan.FromSeconds(30), $"page {count} at the receipt printer")
            .ContinueWith(t => t.Result[count - 1], TaskScheduler.Default);

    /// <summary>A label and an amount as the page spreads them over the printer's 42 columns.</summary>
    private static string Row(string left, string right) => left + new string(' ', 42 - left.Length - right.Length) + right;
}
