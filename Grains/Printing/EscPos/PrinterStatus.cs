namespace Pos.Grains.Printing.EscPos;

/// <summary>What a person needs to know about a printer.</summary>
public enum PrinterStatus
{
    Online,
    Offline,
    PaperOut,
    CoverOpen,
}

/// <summary>The n of a DLE EOT n real-time status request.</summary>
public enum StatusRequest : byte
{
    /// <summary>Printer status: online or offline.</summary>
    Printer = 1,

    /// <summary>Why the printer is offline: cover open, paper end, error.</summary>
    OfflineCause = 2,

    /// <summary>Error cause: recoverable, cutter, unrecoverable, auto-recoverable.</summary>
    ErrorCause = 3,

    /// <summary>Roll paper sensor: near end, end.</summary>
    RollPaperSensor = 4,
}

/// <summary>
/// DLE EOT real-time status: the request bytes, and the single status byte the printer answers at once,
/// even while it is still busy with earlier data.
/// </summary>
public static class EscPosStatus
{
    // Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear; that is how an
    // answer is told apart from other bytes the printer sends (a process-ID answer starts 0x37).
    private const byte FixedBits = 0x12;
    private const byte FixedMask = 0x93;

    private const byte OfflineBit = 0x08;
    private const byte CoverOpenBit = 0x04;
    private const byte PaperEndStopBit = 0x20;
    private const byte ErrorBit = 0x40;
    private const byte PaperEndSensorBits = 0x60;
    private const byte AnyErrorCauseBits = 0x6C;

    /// <summary>DLE EOT n.</summary>
    public static byte[] Request(StatusRequest request) => [0x10, 0x04, (byte)request];

    /// <summary>True when <paramref name="response"/> has the fixed bits of a status byte.</summary>
    public static bool IsStatusByte(byte response) => (response & FixedMask) == FixedBits;

    /// <summary>Decodes the answer to <paramref name="request"/>; false when the byte is not a status byte.</summary>
    public static bool TryDecode(StatusRequest request, byte response, out PrinterStatus status)
    {
        status = PrinterStatus.Online;
        if (!IsStatusByte(response))
        {
            return false;
        }
        status = request switch
        {
            StatusRequest.Printer => Has(response, OfflineBit) ? PrinterStatus.Offline : PrinterStatus.Online,
            StatusRequest.OfflineCause => DecodeOfflineCause(response),
            StatusRequest.ErrorCause => (response & AnyErrorCauseBits) != 0 ? PrinterStatus.Offline : PrinterStatus.Online,
            StatusRequest.RollPaperSensor => Has(response, PaperEndSensorBits) ? PrinterStatus.PaperOut : PrinterStatus.Online,
            _ => PrinterStatus.Online,
        };
        return request is >= StatusRequest.Printer and <= StatusRequest.RollPaperSensor;
    }

    /// <summary>The byte a printer in <paramref name="status"/> answers to <paramref name="request"/> (used by the virtual printer).</summary>
    public static byte ResponseFor(StatusRequest request, PrinterStatus status) => (byte)(FixedBits | request switch
    {
        StatusRequest.Printer => status == PrinterStatus.Online ? 0 : OfflineBit,
        StatusRequest.OfflineCause => status switch
        {
            PrinterStatus.CoverOpen => CoverOpenBit,
            PrinterStatus.PaperOut => PaperEndStopBit,
            PrinterStatus.Offline => ErrorBit,
            _ => 0,
        },
        StatusRequest.ErrorCause => status == PrinterStatus.Offline ? ErrorBit : 0,
        StatusRequest.RollPaperSensor => status == PrinterStatus.PaperOut ? PaperEndSensorBits : 0,
        _ => 0,
    });

    // Cover open wins over paper end: closing the cover is what a person must do first.
    private static PrinterStatus DecodeOfflineCause(byte response) =>
        Has(response, CoverOpenBit) ? PrinterStatus.CoverOpen
        : Has(response, PaperEndStopBit) ? PrinterStatus.PaperOut
        : Has(response, ErrorBit) ? PrinterStatus.Offline
        : PrinterStatus.Online;

    private static bool Has(byte response, byte bits) => (response & bits) != 0;
}
