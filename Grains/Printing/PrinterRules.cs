using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing;

/// <summary>What a printer configuration must satisfy before it is recorded.</summary>
public static class PrinterRules
{
    public const int MaxName = PrinterFieldLimits.MaxName;
    public const int MaxStation = PrinterFieldLimits.MaxStation;

    public static CommandError? Check(PrinterConfig p, PrinterSet existing)
    {
        if (!IsId(p.PrinterId))
        {
            return Invalid("printerId", $"printerId must be 1-{PrinterConfig.MaxIdLength} letters, digits, '-' or '_'.");
        }
        if (TextRules.Check("name", p.Name, MaxName, required: true) is { } name)
        {
            return name with { Detail = $"{name.Detail} A printer's name is what people call it, e.g. Kitchen." };
        }
        if (TextRules.Check("host", p.Host, 253, required: true) is { } host)
        {
            return host;
        }
        if (p.Host.Any(char.IsWhiteSpace) || Uri.CheckHostName(p.Host) == UriHostNameType.Unknown)
        {
            return Invalid("host", $"host '{p.Host}' is not an IP address or host name.");
        }
        if (p.Port is < 1 or > 65535)
        {
            return Invalid("port", "port must be 1-65535 (network printers listen on 9100).");
        }
        if (TextRules.Check("station", p.Station, MaxStation, required: true) is { } station)
        {
            return station with { Detail = $"{station.Detail} The station is the menu station whose tickets print here, e.g. kitchen." };
        }
        if (p.Columns is < TicketRenderer.MinColumns or > PrinterConfig.MaxColumns)
        {
            return Invalid("columns", $"columns must be {TicketRenderer.MinColumns}-{PrinterConfig.MaxColumns}: 42 for 80 mm paper (font A), 48 for font B, 32 for 58 mm.");
        }
        if (!Enum.IsDefined(p.CodePage))
        {
            return Invalid("codePage", "codePage must be pc437 or pc858.");
        }
        if (!Enum.IsDefined(p.Confirm))
        {
            return Invalid("confirm", "confirm must be process-id or tcp.");
        }
        if (p.FailoverAfterSeconds is < 1 or > 86_400)
        {
            return Invalid("failoverAfterSeconds", "failoverAfterSeconds must be 1-86400.");
        }
        if (p.ReceiptFor.Count > PrinterFieldLimits.MaxReceiptFor)
        {
            return Invalid("receiptFor", $"receiptFor names at most {PrinterFieldLimits.MaxReceiptFor} devices or stations.");
        }
        for (var i = 0; i < p.ReceiptFor.Count; i++)
        {
            if (p.ReceiptFor[i] != PrinterFieldLimits.AnyDevice
                && TextRules.Check($"receiptFor[{i}]", p.ReceiptFor[i], PrinterConfig.MaxIdLength, required: true, identifier: true) is { } scope)
            {
                return scope with { Detail = $"{scope.Detail} Each is a device id, a station name, or * for every device." };
            }
        }
        if (p.BackupPrinterId is { } backup)
        {
            if (!IsId(backup))
            {
                return Invalid("backupPrinterId", $"backupPrinterId must be a printer's id: 1-{PrinterConfig.MaxIdLength} letters, digits, '-' or '_'.");
            }
            if (string.Equals(backup, p.PrinterId, StringComparison.Ordinal))
            {
                return Invalid("backupPrinterId", "A printer cannot be its own backup.");
            }
            if (existing.Find(backup) is null)
            {
                return new CommandError(ErrorCodes.UnknownPrinter,
                    $"backupPrinterId '{backup}' is not a configured printer; PUT /api/v1/printers/{backup} first.", "backupPrinterId");
            }
        }
        return null;
    }

    public static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= PrinterConfig.MaxIdLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
