using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Printing;

/// <summary>
/// How one printer is doing, as pure state: its status from the printer's own status bytes (or offline when it
/// cannot be reached), the latest reason a ticket could not go out, since when it has been down, and its last
/// print. Times are passed in, so the rules run on any clock.
/// </summary>
public sealed class PrinterHealth
{
    /// <summary>Null until the printer was first reached.</summary>
    public PrinterStatus? Status { get; private set; }

    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public DateTimeOffset? LastPrintedAt { get; private set; }

    /// <summary>When the first failed attempt of the current outage happened; null while the printer answers well.</summary>
    public DateTimeOffset? DownSince { get; private set; }

    /// <summary>
    /// What the answers to DLE EOT 1, 2 and 4 mean for a person: the offline cause first (cover open wins over paper
    /// end), then the paper sensor, then online or offline. A byte that is not a status answer counts as offline.
    /// </summary>
    public static PrinterStatus StatusOf(PrinterStatusBytes answers)
    {
        var printer = Decode(StatusRequest.Printer, answers.Printer);
        var cause = Decode(StatusRequest.OfflineCause, answers.OfflineCause);
        var paper = Decode(StatusRequest.RollPaperSensor, answers.RollPaper);
        if (cause != PrinterStatus.Online)
        {
            return cause;
        }
        return paper != PrinterStatus.Online ? paper : printer;
    }

    /// <summary>The printer could not be reached, or the link broke: it is offline.</summary>
    public void Unreachable() => Status = PrinterStatus.Offline;

    /// <summary>The printer answered its status; the problem to report when it cannot print, else null.</summary>
    public string? Answered(PrinterStatus status, string printerName, int waiting)
    {
        Status = status;
        return status == PrinterStatus.Online ? null : $"{printerName} reports {Describe(status)}; {waiting} ticket(s) waiting";
    }

    /// <summary>A ticket could not go out (or its progress could not be recorded) for this reason.</summary>
    public void Failed(string message, DateTimeOffset at)
    {
        LastError = message;
        LastErrorAt = at;
    }

    /// <summary>An attempt on the printer failed: the outage started now unless it already had.</summary>
    public void Down(DateTimeOffset at) => DownSince ??= at;

    /// <summary>The printer answered well and printed what it had: the outage and its error are over.</summary>
    public void Up()
    {
        DownSince = null;
        LastError = null;
        LastErrorAt = null;
    }

    public void Printed(DateTimeOffset at) => LastPrintedAt = at;

    public PrinterView View(PrinterConfig config, int queueDepth) =>
        new(config, Status, queueDepth, LastError, LastErrorAt, LastPrintedAt, DownSince);

    public static string Describe(PrinterStatus status) => status switch
    {
        PrinterStatus.PaperOut => "paper out",
        PrinterStatus.CoverOpen => "cover open",
        PrinterStatus.Offline => "offline",
        _ => "online",
    };

    private static PrinterStatus Decode(StatusRequest request, byte answer) =>
        EscPosStatus.TryDecode(request, answer, out var status) ? status : PrinterStatus.Offline;
}
