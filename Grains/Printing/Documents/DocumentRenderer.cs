using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing.Documents;

/// <summary>Renders a <see cref="PrintDocument"/> as the ESC/POS bytes of one print job.</summary>
public static class DocumentRenderer
{
    /// <summary>The kick's pulse: on for 2 x 25 ms, off for 2 x 250 ms (what drawer solenoids expect).</summary>
    public const byte PulseOnUnits = 25;
    public const byte PulseOffUnits = 250;

    /// <summary>
    /// A drawer kick is ESC p m t1 t2 alone (nothing printed, no paper used); a page is a title, its lines, a feed and a
    /// cut. Both end with the process-ID request derived from <paramref name="jobId"/> when the printer confirms so.
    /// </summary>
    public static byte[] Render(
        PrintDocument document, Guid jobId, bool isReprint, int columns = 42, EscPosCodePage codePage = EscPosCodePage.Pc858,
        bool requestProcessId = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var writer = new EscPosWriter();
        if (document.Kind == PrintDocument.DrawerKick)
        {
            writer.KickDrawer(document.DrawerPin ?? 0, PulseOnUnits, PulseOffUnits);
        }
        else
        {
            writer.Initialize().SelectCodePage(codePage);
            writer.Align(EscPosAlignment.Center).Bold(true);
            if (isReprint)
            {
                Lines(writer, "** REPRINT **", columns, codePage);
            }
            Lines(writer, document.Title, columns, codePage);
            writer.Bold(false).Align(EscPosAlignment.Left);
            foreach (var line in document.Lines)
            {
                Lines(writer, line, columns, codePage);
            }
            Lines(writer, $"Job {jobId}", columns, codePage);
            writer.Feed(3).Cut();
        }
        return requestProcessId ? writer.RequestProcessId(ProcessId.ForJob(jobId.ToString())).ToArray() : writer.ToArray();
    }

    // A line that fits is printed as it is (a report's columns line up with its spaces); a longer one is wrapped.
    private static void Lines(EscPosWriter writer, string text, int columns, EscPosCodePage codePage)
    {
        var printable = EscPosCodePages.ToPrintable(text, codePage);
        if (printable.Length <= columns)
        {
            writer.Line(printable);
            return;
        }
        foreach (var line in TicketText.Wrap(printable, columns))
        {
            writer.Line(line);
        }
    }
}
