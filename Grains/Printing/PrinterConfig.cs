using Pos.Contracts.Printing;

namespace Pos.Grains.Printing;

/// <summary>A printer on the restaurant LAN and the station whose tickets it prints.</summary>
/// <param name="PrinterId">Stable id chosen by the operator, e.g. "kitchen".</param>
/// <param name="Name">What people call it; printed on a ticket that failed over ("FOR Kitchen").</param>
/// <param name="Host">IP address or host name of its raw ESC/POS port.</param>
/// <param name="Port">Usually 9100.</param>
/// <param name="Station">Menu items of this station print here.</param>
/// <param name="BackupPrinterId">Where its tickets go once it has been down for <paramref name="FailoverAfterSeconds"/>.</param>
/// <param name="Columns">Characters per line of its paper: 42 on 80 mm paper with font A, 48 with font B.</param>
/// <param name="CodePage">The character table tickets are encoded in.</param>
/// <param name="Confirm">How a printed ticket is confirmed.</param>
/// <param name="FailoverAfterSeconds">How long it may be down before its queued tickets move to the backup.</param>
[GenerateSerializer, Immutable, Alias("pos.printer-config")]
public sealed record PrinterConfig(
    [property: Id(0)] string PrinterId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Host,
    [property: Id(3)] int Port,
    [property: Id(4)] string Station,
    [property: Id(5)] string? BackupPrinterId,
    [property: Id(6)] int Columns,
    [property: Id(7)] EscPosCodePage CodePage,
    [property: Id(8)] PrintConfirmation Confirm,
    [property: Id(9)] int FailoverAfterSeconds)
{
    public const int DefaultPort = PrinterFieldLimits.DefaultPort;
    public const int DefaultColumns = PrinterFieldLimits.DefaultColumns;
    public const int MaxColumns = PrinterFieldLimits.MaxColumns;
    public const int DefaultFailoverAfterSeconds = PrinterFieldLimits.DefaultFailoverAfterSeconds;
    public const int MaxIdLength = PrinterFieldLimits.MaxIdLength;

    /// <summary>
    /// Whose guest checks and receipts it prints: device ids, station names (a terminal's area, e.g. bar), or "*" for
    /// the store's default receipt printer. Empty: it prints none unless a command names it.
    /// </summary>
    [Id(10)] public IReadOnlyList<string> ReceiptFor { get; init; } = [];

    /// <summary>The same configuration (the record's equality compares the receiptFor list by reference, not by its names).</summary>
    public bool SameAs(PrinterConfig other) =>
        this with { ReceiptFor = [] } == other with { ReceiptFor = [] } && ReceiptFor.SequenceEqual(other.ReceiptFor, StringComparer.Ordinal);
}
