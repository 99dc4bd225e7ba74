using Pos.Contracts.Orders;
using Pos.Grains.Printing.Documents;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing;

/// <summary>
/// Which tickets an order change prints: a fire prints one ticket per station with the lines it fired, on every
/// printer of that station; voiding a fired line prints a VOID ticket at its station.
/// </summary>
public static class PrintRouting
{
    /// <summary>True when some of <paramref name="events"/> send something to a station.</summary>
    public static bool Prints(IEnumerable<OrderEvent> events) =>
        events.Any(e => e is OrderFired || e is LineVoided { WasFired: true } || e is CheckPrinted);

    /// <summary>The jobs for <paramref name="events"/>, decided on the order as it was before them.</summary>
    public static IReadOnlyList<PrintJobQueued> JobsFor(
        OrderState before, IReadOnlyList<OrderEvent> events, PrinterSet printers, string server, DateTimeOffset now)
    {
        var jobs = new List<PrintJobQueued>();
        foreach (var e in events)
        {
            switch (e)
            {
                case OrderFired fired:
                    var lines = fired.LineIds.Select(id => before.FindLine(id)!.Added).ToList();
                    foreach (var station in lines.GroupBy(l => l.Station, StringComparer.OrdinalIgnoreCase))
                    {
                        Route(jobs, before, printers, station.Key, [.. station], TicketKind.Fire, server, fired.FiredAt);
                    }
                    break;
                case LineVoided { WasFired: true } voided:
                    var line = before.FindLine(voided.LineId)!.Added;
                    Route(jobs, before, printers, line.Station, [line], TicketKind.Void, server, now);
                    break;
                case CheckPrinted printed:
                    jobs.Add(GuestCheckJob(before, printed, printers, server));
                    break;
            }
        }
        return jobs;
    }

    private static void Route(
        List<PrintJobQueued> jobs, OrderState order, PrinterSet printers, string station, IReadOnlyList<LineAdded> lines,
        TicketKind kind, string server, DateTimeOffset at)
    {
        var opened = order.Opened!;
        var any = false;
        foreach (var printer in printers.ForStation(station))
        {
            any = true;
            var jobId = Guid.CreateVersion7();
            var ticket = new KitchenTicket(
                jobId.ToString(), opened.Number, TableOrChannel(opened), opened.Guests, at, server, station, kind,
                IsReprint: false, MeantFor: null,
                [.. lines.OrderBy(l => l.Course ?? 0).Select(TicketLine)]);
            jobs.Add(new PrintJobQueued(jobId, printer.PrinterId, opened.OrderId, ticket, ReprintOf: null,
                kind == TicketKind.Fire ? "fire" : "void"));
        }
        if (!any)
        {
            PrintingTelemetry.Unrouted.Add(lines.Count, new KeyValuePair<string, object?>("station", station));
        }
    }

    /// <summary>The page of a guest check or receipt, on the receipt printer the decision chose (which exists: it was found there).</summary>
    private static PrintJobQueued GuestCheckJob(OrderState order, CheckPrinted printed, PrinterSet printers, string server)
    {
        var columns = printers.Find(printed.PrinterId)?.Columns ?? PrinterConfig.DefaultColumns;
        var document = new PrintDocument(PrintDocument.Page, GuestCheckText.Title(printed), GuestCheckText.Lines(order, printed, columns, server));
        return new PrintJobQueued(printed.JobId, printed.PrinterId, order.Opened!.OrderId, null, null,
            printed.Kind == CheckKind.Receipt ? ReceiptReason : CheckReason, document);
    }

    /// <summary>The reason of a guest check's print job.</summary>
    public const string CheckReason = "guest-check";

    /// <summary>The reason of a receipt's print job.</summary>
    public const string ReceiptReason = "receipt";

    /// <summary>A line as the kitchen reads it: its course (the ticket groups by it), seat, options, then instructions.</summary>
    private static KitchenTicketLine TicketLine(LineAdded l) =>
        new(l.Quantity, l.Name, l.Modifiers, l.Note, l.Course is { } course ? $"COURSE {course}" : null)
        {
            Seat = l.Seat,
            Options = [.. (l.Options ?? []).Select(o => o.Name)],
        };

    private static string TableOrChannel(OrderOpened opened) =>
        !string.IsNullOrWhiteSpace(opened.Table) ? $"Table {opened.Table}"
        : opened.Channel switch
        {
            Channel.Takeout => "TAKEOUT",
            Channel.Delivery => "DELIVERY",
            _ => "DINE-IN",
        };
}
