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

    /// <summary>Activates every printer, so tickets left unprinted by an earlier run go out.</summary>
    Task StartPrinters();
}

/// <summary>
/// The printer after a change, or why the change was refused; <c>Version</c> is the printers' version then (the
/// printer's ETag, which <c>If-Match</c> names).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.printer-config-result")]
public sealed record PrinterConfigResult([property: Id(0)] PrinterConfig? Printer, [property: Id(1)] CommandError? Error, [property: Id(2)] int Version = 0);
