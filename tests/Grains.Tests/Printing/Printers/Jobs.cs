using Pos.Contracts.Printing;
using Pos.Grains.Printing;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>Print jobs and printers for the printer tests.</summary>
internal static class Jobs
{
    public static PrintJobQueued For(string printerId, int orderNumber, string item = "Burger")
    {
        var id = Guid.CreateVersion7();
        var ticket = new KitchenTicket(id.ToString(), orderNumber, "Table 12", 2, new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero),
            "Ana", "kitchen", TicketKind.Fire, IsReprint: false, MeantFor: null, [new KitchenTicketLine(1, item, [], null)]);
        return new PrintJobQueued(id, printerId, Guid.NewGuid(), ticket, null, "fire");
    }

    public static PrinterConfig Printer(string id, string? backup = null, int failoverAfterSeconds = PrinterConfig.DefaultFailoverAfterSeconds) =>
        new(id, $"Printer {id}", id, PrinterConfig.DefaultPort, "kitchen", backup, PrinterConfig.DefaultColumns, EscPosCodePage.Pc858,
            PrintConfirmation.ProcessId, failoverAfterSeconds);

    /// <summary>The text lines a ticket prints.</summary>
    public static IReadOnlyList<string> Text(byte[] ticket) => [.. PrintedPaper.Lines(ticket).Select(l => l.Text.Trim())];
}
