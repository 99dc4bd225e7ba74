using System.Globalization;
using Pos.Contracts.Printing;
using Pos.Contracts.Requests;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Printing.Tickets;

/// <summary>Renders a <see cref="KitchenTicket"/> as the ESC/POS bytes of one print job.</summary>
public static class TicketRenderer
{
    /// <summary>Narrowest paper this layout is made for (58 mm printers are 32).</summary>
    public const int MinColumns = PrinterFieldLimits.MinColumns;

    private const string Indent = "    ";

    /// <summary>
    /// Initialize, code page, banners, header, lines, feed, cut, then a process-ID request derived from
    /// the job ID so the transport can tell when this job, and not an earlier one, has printed.
    /// No printed line is wider than <paramref name="columns"/> (double-width text counts twice).
    /// Printers that cannot answer a process ID get the ticket without the request.
    /// </summary>
    public static byte[] Render(
        KitchenTicket ticket, int columns = 42, EscPosCodePage codePage = EscPosCodePage.Pc858, bool requestProcessId = true)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, MinColumns);
        var page = new Page(new EscPosWriter().Initialize().SelectCodePage(codePage), columns, codePage);

        page.Writer.Align(EscPosAlignment.Center).Bold(true).Size(doubleWidth: true, doubleHeight: true);
        if (ticket.IsReprint)
        {
            page.Lines("** REPRINT **", page.WideColumns);
        }
        if (ticket.Kind == TicketKind.Void)
        {
            page.Lines("*** VOID ***", page.WideColumns);
        }
        page.Writer.Align(EscPosAlignment.Left);
        page.Lines($"#{ticket.OrderNumber} {ticket.TableOrChannel}", page.WideColumns);
        page.Writer.Size(doubleWidth: false, doubleHeight: false).Bold(false);

        var guests = ticket.Guests is { } count ? $"Guests: {count}" : "";
        page.Write(TicketText.Spread(guests, ticket.Time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), columns));
        page.Lines($"Server: {ticket.ServerName}", columns);
        page.Lines($"Station: {ticket.Station}", columns);
        if (!string.IsNullOrWhiteSpace(ticket.MeantFor))
        {
            page.Writer.Bold(true);
            page.Lines($"FOR {ticket.MeantFor}", columns);
            page.Writer.Bold(false);
        }
        page.Write(TicketText.Rule(null, columns, '='));

        var hasCourses = ticket.Lines.Any(l => !string.IsNullOrWhiteSpace(l.Course));
        foreach (var course in ticket.Lines.GroupBy(l => l.Course?.Trim() ?? ""))
        {
            if (hasCourses)
            {
                page.Write(TicketText.Rule(page.Printable(course.Key), columns));
            }
            foreach (var line in course)
            {
                WriteLine(page, line);
            }
        }

        page.Write(TicketText.Rule(null, columns, '='));
        page.Lines($"Job {ticket.JobId}", columns);
        page.Writer.Feed(3).Cut();
        return requestProcessId ? page.Writer.RequestProcessId(ProcessId.ForJob(ticket.JobId)).ToArray() : page.Writer.ToArray();
    }

    private static void WriteLine(Page page, KitchenTicketLine line)
    {
        // Item lines in double height: same columns, easier to read from across the pass.
        var lead = $"{line.Quantity} x ";
        page.Writer.Bold(true).Size(doubleWidth: false, doubleHeight: true);
        page.Write(TicketText.Wrap(page.Printable(line.Name), page.Columns, lead, new string(' ', lead.Length)));
        page.Writer.Size(doubleWidth: false, doubleHeight: false).Bold(false);
        if (line.Seat is { } seat)
        {
            page.Lines(Indent + $"SEAT {seat}", page.Columns);
        }
        foreach (var option in line.Options ?? [])
        {
            page.Write(TicketText.Wrap(page.Printable(option), page.Columns, Indent + "> ", Indent + "  "));
        }
        foreach (var modifier in line.Modifiers)
        {
            page.Write(TicketText.Wrap(page.Printable(modifier), page.Columns, Indent + "+ ", Indent + "  "));
        }
        if (!string.IsNullOrWhiteSpace(line.Note))
        {
            // A note may run over several lines: each starts a line of its own, under the first's "NOTE:".
            page.Writer.Bold(true);
            var noteLead = Indent + "NOTE: ";
            foreach (var noteLine in TextRules.Lines(line.Note))
            {
                page.Write(TicketText.Wrap(page.Printable(noteLine), page.Columns, noteLead, Indent + "      "));
                noteLead = Indent + "      ";
            }
            page.Writer.Bold(false);
        }
    }

    // Text is made printable before wrapping so every character counts as exactly one column.
    private sealed record Page(EscPosWriter Writer, int Columns, EscPosCodePage CodePage)
    {
        public int WideColumns => Columns / 2;

        public string Printable(string text) => EscPosCodePages.ToPrintable(text, CodePage);

        public void Lines(string text, int width) => Write(TicketText.Wrap(Printable(text), width));

        public void Write(IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                Writer.Line(line);
            }
        }
    }
}
