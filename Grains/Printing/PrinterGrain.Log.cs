using Microsoft.Extensions.Logging;

namespace Pos.Grains.Printing;

/// <summary>The printer's one console line per job confirmed on paper: what an operator looks for after a fire.</summary>
public sealed partial class PrinterGrain
{
    private void LogPrintedJob(PrintJob job)
    {
        if (job.Queued.Ticket is { } ticket)
        {
            LogPrintedTicket(logger, PrinterId, ticket.OrderNumber, ticket.TableOrChannel, ticket.Lines.Count, ticket.IsReprint || job.Attempts > 1 ? " (REPRINT)" : "");
        }
        else
        {
            LogPrintedDocument(logger, PrinterId, job.Queued.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: printed the ticket of order #{Number} ({Where}), {Lines} line(s){Reprint}")]
    private static partial void LogPrintedTicket(ILogger logger, string printerId, int number, string where, int lines, string reprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId}: printed {What}")]
    private static partial void LogPrintedDocument(ILogger logger, string printerId, string what);
}
