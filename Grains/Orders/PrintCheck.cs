using Pos.Contracts.Orders;
using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Printing;

namespace Pos.Grains.Orders;

/// <summary>
/// Prints the guest check or the receipt: on <paramref name="PrinterId"/> when given, else on the receipt printer of the
/// sending device, of the <paramref name="Station"/> it stands at, or the store's default.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.print-check")]
public sealed record PrintCheck(
    [property: Id(0)] CheckKind Kind,
    [property: Id(1)] string? PrinterId,
    [property: Id(2)] string? Station);

/// <summary>The rules of printing an order for its guest.</summary>
public static class ReceiptDecisions
{
    public static CommandError? Check(PrintCheck c)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            return new CommandError(ErrorCodes.ValidationFailed, "kind must be check or receipt.", "kind");
        }
        if (c.PrinterId is { } printerId && !PrinterRules.IsId(printerId))
        {
            return new CommandError(ErrorCodes.ValidationFailed,
                $"printerId must be a printer's id: 1-{PrinterFieldLimits.MaxIdLength} letters, digits, '-' or '_'.", "printerId");
        }
        return TextRules.Check("station", c.Station, PrinterFieldLimits.MaxStation, identifier: true);
    }

    /// <summary>
    /// The print, decided on the order as it stands: a receipt needs a payment; either is a COPY when it was printed
    /// before with nothing changed since (a receipt: any receipt before).
    /// </summary>
    public static Decision Print(OrderState state, PrintCheck c, PrinterConfig? printer, Guid jobId, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return Decision.Refuse(ErrorCodes.OrderNotFound, "No such order; open it first.");
        }
        if (printer is null)
        {
            return c.PrinterId is { } named
                ? Decision.Refuse(ErrorCodes.UnknownPrinter, $"No printer '{named}'; GET /api/v1/printers lists them.", "printerId")
                : Decision.Refuse(ErrorCodes.NoReceiptPrinter,
                    "No receipt printer serves this device: name one with printerId, or give a printer receiptFor (this device's id, its station, or *).",
                    "printerId");
        }
        if (c.Kind == CheckKind.Receipt && state.Payments.Count == 0)
        {
            return Decision.Conflict(ErrorCodes.NothingPaid, "A receipt follows a payment and this order has none yet; print the guest check instead.");
        }
        var copy = c.Kind == CheckKind.Receipt
            ? state.Checks.Any(p => p.Kind == CheckKind.Receipt)
            : state.CheckPrintedAtVersion > state.ChangedAtVersion;
        return Decision.Apply(new CheckPrinted(jobId, c.Kind, printer.PrinterId, copy, now));
    }
}
