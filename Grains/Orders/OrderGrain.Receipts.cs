using Pos.Grains.Commands;

namespace Pos.Grains.Orders;

/// <summary>The guest check and the receipt: an order event and, in the same transaction, the receipt printer's job.</summary>
public sealed partial class OrderGrain
{
    public async Task<OrderResult> PrintCheck(PrintCheck command, CommandContext context)
    {
        if (ReceiptDecisions.Check(command) is { } invalid)
        {
            return new OrderResult(null, invalid, CommandOutcome.Rejected);
        }
        var printers = await CurrentPrinters();
        var printer = command.PrinterId is { } named ? printers.Find(named) : printers.ReceiptPrinterFor(context.DeviceId, command.Station);
        return await Decide(() => ReceiptDecisions.Print(_state, command, printer, Guid.CreateVersion7(), clock.Now()), context);
    }
}
