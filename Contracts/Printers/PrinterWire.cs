using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Pos.Contracts.Printing;

namespace Pos.Contracts.Printers;

/// <summary>A printer to add or change. Only name, host and station are required; the others take their defaults.</summary>
public sealed record PrinterRequest(
    [property: Required, StringLength(PrinterFieldLimits.MaxName, MinimumLength = 1)] string? Name,
    [property: Required, StringLength(PrinterFieldLimits.MaxHost, MinimumLength = 1)] string? Host,
    [property: Range(1, 65535), DefaultValue(PrinterFieldLimits.DefaultPort)] int? Port,
    [property: Required, StringLength(PrinterFieldLimits.MaxStation, MinimumLength = 1)] string? Station,
    [property: StringLength(PrinterFieldLimits.MaxIdLength)] string? BackupPrinterId,
    [property: Range(PrinterFieldLimits.MinColumns, PrinterFieldLimits.MaxColumns), DefaultValue(PrinterFieldLimits.DefaultColumns)] int? Columns,
    [property: DefaultValue(EscPosCodePage.Pc858)] EscPosCodePage? CodePage,
    [property: DefaultValue(PrintConfirmation.ProcessId)] PrintConfirmation? Confirm,
    [property: Range(1, PrinterFieldLimits.MaxFailoverAfterSeconds), DefaultValue(PrinterFieldLimits.DefaultFailoverAfterSeconds)] int? FailoverAfterSeconds)
{
    /// <summary>
    /// Whose guest checks and receipts it prints: device ids, station names (where a terminal stands, e.g. bar), or "*"
    /// for the store's default receipt printer. Left out: none (a print command may still name it).
    /// </summary>
    [MaxLength(PrinterFieldLimits.MaxReceiptFor)]
    public IReadOnlyList<string>? ReceiptFor { get; init; }
}

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
public sealed record PrinterConfig(
    string PrinterId,
    string Name,
    string Host,
    int Port,
    string Station,
    string? BackupPrinterId,
    int Columns,
    EscPosCodePage CodePage,
    PrintConfirmation Confirm,
    int FailoverAfterSeconds)
{
    /// <summary>Whose guest checks and receipts it prints: device ids, station names, or "*" (the store's default); absent when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReceiptFor { get; init; }
}

/// <summary>What people see of a printer's health; unknown until it was first reached.</summary>
public enum PrinterHealth
{
    Unknown,
    Online,
    Offline,
    PaperOut,
    CoverOpen,
}

/// <summary>A printer: its configuration and how it is doing right now.</summary>
public sealed record PrinterResponse(
    string PrinterId,
    string Name,
    string Host,
    int Port,
    string Station,
    string? BackupPrinterId,
    int Columns,
    EscPosCodePage CodePage,
    PrintConfirmation Confirm,
    int FailoverAfterSeconds,
    PrinterHealth Status,
    int QueueDepth,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastPrintedAt,
    DateTimeOffset? DownSince)
{
    /// <summary>Whose guest checks and receipts it prints: device ids, station names, or "*" (the store's default); absent when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReceiptFor { get; init; }
}

/// <summary>The printers, and the menu's stations no printer serves (lines fired there print nowhere).</summary>
public sealed record PrinterList(IReadOnlyList<PrinterResponse> Printers, IReadOnlyList<string> StationsWithoutPrinter);

/// <summary>
/// A print job as the API shows it. PrinterId is the printer it belongs to now (its backup after a failover),
/// QueuedFor the one it was first queued for; Attempts counts the times it was sent; Reprint is true when it
/// prints (or printed) with a REPRINT banner; PrintedBy is the printer that printed it.
/// </summary>
public sealed record PrintJobView(
    Guid JobId,
    Guid? OrderId,
    int OrderNumber,
    string Kind,
    string Station,
    string PrinterId,
    string QueuedFor,
    PrintJobStatus Status,
    int Attempts,
    bool Reprint,
    Guid? ReprintOf,
    string? PrintedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? PrintedAt);

// A printer's jobs (GET /printers/{id}/jobs).
public sealed record PrintJobList(IReadOnlyList<PrintJobView> Jobs);
