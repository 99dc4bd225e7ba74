using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Printing;

/// <summary>The store's printers and their configuration. One per store, key <see cref="Key"/>.</summary>
public interface IPrinterDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "store";

    [Orleans.Concurrency.ReadOnly]
    Task<PrinterSet> List();

    /// <summary>Adds or changes a printer; a PrinterConfigured journal event records it.</summary>
    Task<PrinterConfigResult> Configure(PrinterConfig printer, CommandContext context);

    /// <summary>
    /// Removes a printer; a PrinterRemoved journal event records it, then its unfinished jobs move (see
    /// <see cref="PrinterRemoval"/>). A printer removed before answers as removed again and changes nothing.
    /// </summary>
    Task<PrinterRemovalResult> Remove(string printerId, bool force, CommandContext context);

    /// <summary>Activates every printer, so tickets left unprinted by an earlier run go out.</summary>
    Task StartPrinters();
}

/// <summary>
/// The printer after a change, or why the change was refused; <c>Version</c> is the printers' version then (the
/// printer's ETag, which <c>If-Match</c> names).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.printer-config-result")]
public sealed record PrinterConfigResult([property: Id(0)] PrinterConfig? Printer, [property: Id(1)] CommandError? Error, [property: Id(2)] int Version = 0);

/// <summary>
/// A removal done (<c>Error</c> null; <c>AlreadyRemoved</c> when it was done before), or why it was refused; a refusal
/// names the printers it is the backup of, or how many unprinted tickets it holds (and their jobs).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.printer-removal-result")]
public sealed record PrinterRemovalResult(
    [property: Id(0)] CommandError? Error,
    [property: Id(1)] bool AlreadyRemoved = false,
    [property: Id(2)] IReadOnlyList<string>? BackupOf = null,
    [property: Id(3)] IReadOnlyList<Guid>? UnfinishedJobs = null);
