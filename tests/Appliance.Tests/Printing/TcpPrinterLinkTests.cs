using Pos.Appliance.Printing.Transport;
using Pos.Contracts.Printing;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Grains.Printing.Tickets;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>The TCP printer link against a virtual printer on a real port: status bytes, a ticket and its confirmation.</summary>
public sealed class TcpPrinterLinkTests
{
    private static readonly PrinterTimeouts Timeouts = new() { Connect = TimeSpan.FromSeconds(2), Status = TimeSpan.FromSeconds(2), Confirm = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData("online", PrinterStatus.Online)]
    [InlineData("offline", PrinterStatus.Offline)]
    [InlineData("paper-out", PrinterStatus.PaperOut)]
    [InlineData("cover-open", PrinterStatus.CoverOpen)]
    public async Task The_status_bytes_read_over_tcp_say_what_the_printer_is_doing(string mode, PrinterStatus expected)
    {
        await using var printer = VirtualPrinterHost.Start("link-status");
        printer.SetMode(mode);
        await using var link = await TcpPrinterLink.OpenAsync("127.0.0.1", printer.Port, Timeouts, CancellationToken.None);

        Assert.Equal(expected, PrinterHealth.StatusOf(await link.ReadStatusAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_ticket_sent_is_confirmed_by_its_process_id_and_printed_once()
    {
        await using var printer = VirtualPrinterHost.Start("link-ticket");
        var jobId = Guid.NewGuid().ToString();
        var ticket = new KitchenTicket(jobId, 7, "Table 3", 2, DateTimeOffset.UnixEpoch, "Ana", "kitchen", TicketKind.Fire, false, null,
            [new KitchenTicketLine(2, "Burger", [], null)]);
        await using var link = await new TcpPrinterLinkFactory(Timeouts).OpenAsync(
            new PrinterConfig("k", "Kitchen", "127.0.0.1", printer.Port, "kitchen", null, 42, EscPosCodePage.Pc858, PrintConfirmation.ProcessId, 60),
            CancellationToken.None);

        await link.SendAsync(TicketRenderer.Render(ticket, 42, EscPosCodePage.Pc858, requestProcessId: true), CancellationToken.None);
        await link.WaitForProcessIdAsync(ProcessId.ForJob(jobId), CancellationToken.None);

        var received = Assert.Single(await Poll.UntilAsync(() => Task.FromResult(printer.Tickets), t => t.Count >= 1, TimeSpan.FromSeconds(5), "the ticket"));
        Assert.Contains("2 x Burger", PrintingRig.Lines(received));
    }

    [Fact]
    public async Task A_printer_that_is_not_there_is_a_link_failure_not_a_bug()
    {
        var port = FreePort.Next();

        var failure = await Assert.ThrowsAsync<PrinterLinkException>(() => TcpPrinterLink.OpenAsync("127.0.0.1", port, Timeouts, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
    }
}
