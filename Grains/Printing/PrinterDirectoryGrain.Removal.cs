using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Printing;

/// <summary>Removing a printer: the refusals, the PrinterRemoved event, then the printer grain moves its jobs.</summary>
public sealed partial class PrinterDirectoryGrain
{
    // Printers removed and not added again, with their last configuration: a job reaching one later (a fire that
    // raced the removal) still finds where to go.
    private readonly Dictionary<string, PrinterConfig> _removed = new(StringComparer.Ordinal);

    public async Task<PrinterRemovalResult> Remove(string printerId, bool force, CommandContext context)
    {
        if (_printers.Find(printerId) is not { } printer)
        {
            if (!_removed.ContainsKey(printerId))
            {
                return new PrinterRemovalResult(new CommandError(ErrorCodes.PrinterNotFound, $"No printer '{printerId}'; GET /api/v1/printers lists them."));
            }
            // Removed before (another manager's removal, or this one's answer lost): the same 204, kept under this key too.
            if (NoContent(context, CommandOutcome.Duplicate) is { } kept)
            {
                await journal.AppendAsync(StreamAppend.RecordOnly(PrintingEvents.PrintersStream, kept, clock.Now()));
            }
            return new PrinterRemovalResult(null, AlreadyRemoved: true);
        }
        var rest = new PrinterSet(_printers.Version + 1, [.. _printers.Printers.Where(p => p.PrinterId != printerId)]);
        var grain = GrainFactory.GetGrain<IPrinterGrain>(printerId);
        var unfinished = await grain.Unfinished();
        if (PrinterRemoval.Refusal(printer, _printers, unfinished.Count, force) is { } refused)
        {
            return new PrinterRemovalResult(refused, BackupOf: PrinterRemoval.BackupOf(printerId, _printers), UnfinishedJobs: unfinished);
        }
        var removed = new PrinterRemoved(
            printer.PrinterId, printer.Name, printer.Station, PrinterRemoval.DestinationFor(printer, rest)?.PrinterId, unfinished.Count, force);
        var append = new StreamAppend(
            PrintingEvents.PrintersStream, _printers.Version, [PrintingEvents.ToNew(removed)],
            clock.Now(), context.DeviceId, BusinessDate: null, NoContent(context)).By(context);
        var result = await journal.AppendOrReloadAsync(append, DeactivateOnIdle);
        if (result.Refusal() is { } refusal)
        {
            return new PrinterRemovalResult(refusal);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new PrinterRemovalResult(new CommandError(ErrorCodes.VersionMismatch, "The printers changed meanwhile; send the removal again."));
        }
        // From here on no fire routes a ticket to it; the printer grain closes its connection and moves what it holds.
        _printers = rest;
        _removed[printerId] = printer;
        catalog.Publish(rest);
        await grain.Remove(printer, context);
        return new PrinterRemovalResult(null);
    }

    // A 204 kept for the request's key: no body, its outcome applied.
    private static KeptAnswer? NoContent(CommandContext context, CommandOutcome outcome = CommandOutcome.Applied) =>
        context.Idempotency is { } key ? new KeptAnswer(key.Key, key.Fingerprint, "", null, outcome.Name()) : null;

    // After a restart: a removed printer whose jobs could not all move (the journal was away) moves the rest now.
    private async Task StartRemovedPrintersAsync()
    {
        foreach (var removed in _removed.Values)
        {
            await GrainFactory.GetGrain<IPrinterGrain>(removed.PrinterId).Remove(removed, null);
        }
    }
}
