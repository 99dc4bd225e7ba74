using Microsoft.Extensions.Logging;
using Pos.Contracts.Orders;
using Pos.Grains.Printing;

namespace Pos.Grains.Orders;

/// <summary>The order's one console line: when it is fired (the tickets' own lines follow, one per ticket printed).</summary>
public sealed partial class OrderGrain
{
    private void LogFiredIfSo(IReadOnlyList<OrderEvent> events, OrderView view, IReadOnlyList<PrintJobQueued> jobs)
    {
        var lines = events.OfType<OrderFired>().Sum(f => f.LineIds.Count);
        if (lines == 0)
        {
            return;
        }
        var printers = jobs.Count == 0 ? "no printer" : string.Join(", ", jobs.Select(j => j.PrinterId).Distinct(StringComparer.Ordinal));
        LogFired(logger, view.Number, view.Table is { Length: > 0 } table ? "Table " + table : view.Channel.ToString(), lines, jobs.Count, printers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order #{Number} ({Where}) fired: {Lines} line(s), {Tickets} ticket(s) for {Printers}")]
    private static partial void LogFired(ILogger logger, int number, string where, int lines, int tickets, string printers);
}
