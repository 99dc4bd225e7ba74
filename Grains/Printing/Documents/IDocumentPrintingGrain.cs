using Pos.Contracts.Cash;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Printing.Documents;

/// <summary>Queues a <see cref="PrintDocument"/> (a report) on a printer as a print job of its own: journaled, then sent.</summary>
public interface IDocumentPrintingGrain : IGrainWithStringKey
{
    public const string Key = "store";

    /// <summary>Journals the job (PrintJobQueued, keyed by the command) and hands it to its printer.</summary>
    Task<PrintJobResult> Print(string printerId, PrintDocument document, string reason, CommandContext context);
}

/// <summary>Stateless: every job is its own stream, created at version 0.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class DocumentPrintingGrain(IJournalStreams journal, StoreClock clock) : Grain, IDocumentPrintingGrain
{
    public async Task<PrintJobResult> Print(string printerId, PrintDocument document, string reason, CommandContext context)
    {
        var queued = PrintJobQueued.Of(document, printerId, reason);
        var now = clock.Now();
        // The answer a repeat of the command gets: the job and its printer, as the route answers them.
        var answer = new PrintJobAccepted(queued.JobId, printerId);
        var append = new StreamAppend(PrintingEvents.StreamOf(queued.JobId), 0, [PrintingEvents.ToNew(queued)], now, context.DeviceId,
            BusinessDate: null, context.ResponseFor(answer, 1)).By(context);
        var result = await journal.AppendAsync(append);
        if (result.Refusal() is { } refused)
        {
            return new PrintJobResult(null, refused);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new PrintJobResult(null, new CommandError(ErrorCodes.VersionMismatch, "The print job could not be recorded; send it again."));
        }
        await GrainFactory.GetGrain<IPrinterGrain>(printerId).Accept(queued, result.FirstSeq, now);
        return new PrintJobResult(PrintJob.Queue(queued, result.FirstSeq, now).ToView(), null);
    }
}
