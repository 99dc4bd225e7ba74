using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Printing;

/// <summary>
/// The printers of the store, rebuilt from the <see cref="PrintingEvents.PrintersStream"/> stream of the journal.
/// Publishes every version to the <see cref="PrinterCatalog"/> and hands each printer grain its configuration.
/// </summary>
public sealed partial class PrinterDirectoryGrain(IJournalStreams journal, StoreClock clock, PrinterCatalog catalog) : Grain, IPrinterDirectoryGrain
{
    private PrinterSet _printers = PrinterSet.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = await journal.ReadStreamAsync(PrintingEvents.PrintersStream, cancellationToken);
        var printers = new List<PrinterConfig>();
        foreach (var entry in entries)
        {
            switch (PrintingEvents.FromJournal(entry.Type, entry.Data))
            {
                case PrinterConfigured configured:
                    printers.RemoveAll(p => p.PrinterId == configured.Printer.PrinterId);
                    printers.Add(configured.Printer);
                    _removed.Remove(configured.Printer.PrinterId);
                    break;
                case PrinterRemoved removed when printers.Find(p => p.PrinterId == removed.PrinterId) is { } gone:
                    printers.Remove(gone);
                    _removed[gone.PrinterId] = gone;
                    break;
            }
        }
        _printers = new PrinterSet(entries.Count, [.. printers.OrderBy(p => p.PrinterId, StringComparer.Ordinal)]);
        catalog.Publish(_printers);
    }

    public Task<PrinterSet> List() => Task.FromResult(_printers);

    public async Task<PrinterConfigResult> Configure(PrinterConfig printer, CommandContext context)
    {
        printer = printer with
        {
            Name = printer.Name.Trim(),
            Host = printer.Host.Trim(),
            Station = printer.Station.Trim(),
            BackupPrinterId = string.IsNullOrWhiteSpace(printer.BackupPrinterId) ? null : printer.BackupPrinterId.Trim(),
        };
        if (context.ExpectedVersion is { } expected && expected != _printers.Version)
        {
            return new PrinterConfigResult(null, new CommandError(ErrorCodes.VersionMismatch,
                $"The printers are at version {_printers.Version}, not {expected}: read the printer again and send the change against its version."),
                _printers.Version);
        }
        if (PrinterRules.Check(printer, _printers) is { } invalid)
        {
            return new PrinterConfigResult(null, invalid, _printers.Version);
        }
        var existing = _printers.Find(printer.PrinterId);
        if (existing is not null && existing.SameAs(printer))
        {
            return new PrinterConfigResult(existing, null, _printers.Version);
        }
        var next = new PrinterSet(
            _printers.Version + 1,
            [.. _printers.Printers.Where(p => p.PrinterId != printer.PrinterId).Append(printer).OrderBy(p => p.PrinterId, StringComparer.Ordinal)]);
        var append = new StreamAppend(
            PrintingEvents.PrintersStream, _printers.Version, [PrintingEvents.ToNew(new PrinterConfigured(printer))],
            clock.Now(), context.DeviceId, BusinessDate: null, context.ResponseFor(printer, next.Version)).By(context);
        var result = await journal.AppendOrReloadAsync(append, DeactivateOnIdle);
        if (result.Refusal() is { } refused)
        {
            return new PrinterConfigResult(null, refused, _printers.Version);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new PrinterConfigResult(null, new CommandError(ErrorCodes.VersionMismatch, "The printers changed meanwhile; send the change again."), _printers.Version);
        }
        _printers = next;
        _removed.Remove(printer.PrinterId);
        catalog.Publish(next);
        await GrainFactory.GetGrain<IPrinterGrain>(printer.PrinterId).Configure(printer);
        return new PrinterConfigResult(printer, null, next.Version);
    }

    public async Task StartPrinters()
    {
        foreach (var printer in _printers.Printers)
        {
            await GrainFactory.GetGrain<IPrinterGrain>(printer.PrinterId).Configure(printer);
        }
        await StartRemovedPrintersAsync();
    }
}
