using Pos.Contracts.Printers;
using Pos.Grains.Printing.EscPos;
using Grain = Pos.Grains.Printing;

namespace Pos.Api.Printers;

/// <summary>The printing grains' views as the wire records (Contracts) the printer routes answer.</summary>
public static class PrinterWireMapping
{
    public static PrinterConfig ToWire(this Grain.PrinterConfig c) =>
        new(c.PrinterId, c.Name, c.Host, c.Port, c.Station, c.BackupPrinterId, c.Columns, c.CodePage, c.Confirm, c.FailoverAfterSeconds)
        {
            ReceiptFor = c.ReceiptFor.Count == 0 ? null : c.ReceiptFor,
        };

    /// <summary>A printer: its configuration, and how it is doing when it was reached (<paramref name="live"/>), else unknown.</summary>
    public static PrinterResponse ToResponse(this Grain.PrinterConfig c, Grain.PrinterView? live) => new(
        c.PrinterId, c.Name, c.Host, c.Port, c.Station, c.BackupPrinterId, c.Columns, c.CodePage, c.Confirm, c.FailoverAfterSeconds,
        live?.Status switch
        {
            null => PrinterHealth.Unknown,
            PrinterStatus.Online => PrinterHealth.Online,
            PrinterStatus.PaperOut => PrinterHealth.PaperOut,
            PrinterStatus.CoverOpen => PrinterHealth.CoverOpen,
            _ => PrinterHealth.Offline,
        },
        live?.QueueDepth ?? 0, live?.LastError, live?.LastErrorAt, live?.LastPrintedAt, live?.DownSince)
    {
        ReceiptFor = c.ReceiptFor.Count == 0 ? null : c.ReceiptFor,
    };

    public static PrintJobView ToWire(this Grain.PrintJobView j) => new(
        j.JobId, j.OrderId, j.OrderNumber, j.Kind, j.Station, j.PrinterId, j.QueuedFor, j.Status, j.Attempts, j.Reprint,
        j.ReprintOf, j.PrintedBy, j.QueuedAt, j.PrintedAt);

    public static PrintJobList ToWire(this IReadOnlyList<Grain.PrintJobView> jobs)
    {
        var wire = new PrintJobView[jobs.Count];
        for (var i = 0; i < wire.Length; i++)
        {
            wire[i] = jobs[i].ToWire();
        }
        return new PrintJobList(wire);
    }
}
