using Pos.Contracts.Printing;
using Pos.Grains.Journal;

namespace Pos.Grains.Printing;

/// <summary>
/// The printers in force, readable without a grain call: firing an order routes its lines here on the hot
/// path. The printer directory grain publishes every change; before it has activated this is empty.
/// </summary>
public sealed class PrinterCatalog : LatestVersion<PrinterSet>;

/// <summary>Every configured printer at one version of the printers stream.</summary>
[GenerateSerializer, Immutable, Alias("pos.printer-set")]
public sealed record PrinterSet([property: Id(0)] int Version, [property: Id(1)] IReadOnlyList<PrinterConfig> Printers) : IVersioned
{
    public static PrinterSet Empty { get; } = new(0, []);

    public PrinterConfig? Find(string printerId) =>
        Printers.FirstOrDefault(p => string.Equals(p.PrinterId, printerId, StringComparison.Ordinal));

    /// <summary>The printers of a station (menu station names match ignoring case).</summary>
    public IEnumerable<PrinterConfig> ForStation(string station) =>
        Printers.Where(p => string.Equals(p.Station, station, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The printer for a device's guest checks and receipts: the one whose <see cref="PrinterConfig.ReceiptFor"/> names the
    /// device, else the station the device said it stands at, else the store's default ("*"); null when none does.
    /// </summary>
    public PrinterConfig? ReceiptPrinterFor(string deviceId, string? station) =>
        Printers.FirstOrDefault(p => p.ReceiptFor.Contains(deviceId, StringComparer.Ordinal))
        ?? (station is null ? null : Printers.FirstOrDefault(p => p.ReceiptFor.Contains(station, StringComparer.OrdinalIgnoreCase)))
        ?? Printers.FirstOrDefault(p => p.ReceiptFor.Contains(PrinterFieldLimits.AnyDevice, StringComparer.Ordinal));

    /// <summary>
    /// The stations the menu sends lines to that no printer serves, in menu order: lines fired there print nowhere,
    /// so the operator must see them before service.
    /// </summary>
    public IReadOnlyList<string> StationsWithoutPrinter(Menu.MenuView? menu) =>
        menu is null
            ? []
            : [.. menu.Items.Select(i => i.Station).Distinct(StringComparer.OrdinalIgnoreCase).Where(s => !ForStation(s).Any())];
}
