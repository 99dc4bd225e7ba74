using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Tests.Printing;

public sealed class TicketRendererTests
{
    private static readonly DateTimeOffset FiredAt = new(2025, 3, 14, 19, 42, 0, TimeSpan.FromHours(1));

    private static KitchenTicket Ticket(
        TicketKind kind = TicketKind.Fire, bool reprint = false, string? meantFor = null, IReadOnlyList<KitchenTicketLine>? lines = null) =>
        new("job-0001", 1234, "Table 12", 4, FiredAt, "Anna (Till 2)", "Grill", kind, reprint, meantFor,
            lines ??
            [
                new KitchenTicketLine(2, "Burger", ["no onions", "extra cheese"], "allergy: sesame"),
                new KitchenTicketLine(1, "Steak frites", ["medium rare"], null),
            ]);

    private static readonly KitchenTicketLine LongLine = new(
        12,
        "Slow-roasted pork belly with apple and cider reduction, crackling on the side",
        ["substitute the mashed potatoes with a green salad, dressing separately please"],
        "guest is allergic to tree nuts and sesame; use a clean board and fresh gloves");

    [Theory]
    [InlineData(42)]
    [InlineData(48)]
    public void Render_NeverPrintsALineWiderThanThePaper(int columns)
    {
        var ticket = Ticket(reprint: true, meantFor: "Grill backup printer by the pass", lines:
        [
            LongLine,
            LongLine with { Course = "A very long course name that goes on and on" },
            new KitchenTicketLine(1, "Supercalifragilisticexpialidociousandthensomemoreletters", [], null),
        ]) with { TableOrChannel = "Delivery via a partner platform" };

        var lines = PrintedPaper.Lines(TicketRenderer.Render(ticket, columns));

        Assert.All(lines, l => Assert.True(l.Columns <= columns, $"'{l.Text}' takes {l.Columns} of {columns} columns"));
        Assert.Contains(lines, l => l.Columns == columns); // rules use the whole width
    }

    [Fact]
    public void Render_StartsWithInitializeAndCodePage_AndEndsWithFeedCutAndTheJobsProcessId()
    {
        var commands = EscPosReader.Parse(TicketRenderer.Render(Ticket()));

        Assert.Equal([new InitializeCommand(), new SelectCodePageCommand(19)], commands.Take(2));
        Assert.Equal(
            [new FeedCommand(3), new CutCommand(true), new RequestProcessIdCommand(ProcessId.ForJob("job-0001"))],
            commands.TakeLast(3));
        Assert.Single(commands.OfType<CutCommand>());
    }

    [Fact]
    public void Render_PutsOrderNumberAndTableInALargeHeader_ThenGuestsTimeServerAndStation()
    {
        var lines = PrintedPaper.Lines(TicketRenderer.Render(Ticket(), 42));

        Assert.Equal(new PrintedLine("#1234 Table 12", 28, true, 2, 2), lines[0]);
        Assert.Equal("Guests: 4" + new string(' ', 17) + "2025-03-14 19:42", lines[1].Text);
        Assert.Equal("Server: Anna (Till 2)", lines[2].Text);
        Assert.Equal("Station: Grill", lines[3].Text);
        Assert.Equal(new string('=', 42), lines[4].Text);
    }

    [Fact]
    public void Render_PrintsLinesAsQuantityTimesName_WithModifiersAndNotesIndented()
    {
        var texts = PrintedPaper.Lines(TicketRenderer.Render(Ticket(), 42)).Select(l => l.Text).ToList();

        var burger = texts.IndexOf("2 x Burger");
        Assert.Equal(
            ["2 x Burger", "    + no onions", "    + extra cheese", "    NOTE: allergy: sesame", "1 x Steak frites", "    + medium rare"],
            texts.Skip(burger).Take(6));
    }

    [Fact]
    public void Render_WrapsLongNames_UnderTheNameAndLongModifiers_UnderTheModifier()
    {
        var texts = PrintedPaper.Lines(TicketRenderer.Render(Ticket(lines: [LongLine]), 42)).Select(l => l.Text).ToList();

        var first = texts.FindIndex(t => t.StartsWith("12 x ", StringComparison.Ordinal));
        Assert.Equal("12 x Slow-roasted pork belly with apple", texts[first]);
        Assert.Equal("     and cider reduction, crackling on the", texts[first + 1]);
        Assert.Equal("     side", texts[first + 2]);
        Assert.Equal("    + substitute the mashed potatoes with", texts[first + 3]);
        Assert.Equal("      a green salad, dressing separately", texts[first + 4]);
        Assert.Equal("      please", texts[first + 5]);
        Assert.StartsWith("    NOTE: guest is allergic", texts[first + 6], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsNoBanner_ForAFirstPrintOfAFire()
    {
        var texts = PrintedPaper.Lines(TicketRenderer.Render(Ticket())).Select(l => l.Text).ToList();

        Assert.DoesNotContain(texts, t => t.Contains("REPRINT", StringComparison.Ordinal) || t.Contains("VOID", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith("FOR ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TicketKind.Fire, true, new[] { "** REPRINT **" })]
    [InlineData(TicketKind.Void, false, new[] { "*** VOID ***" })]
    [InlineData(TicketKind.Void, true, new[] { "** REPRINT **", "*** VOID ***" })]
    public void Render_PrintsLargeBanners_BeforeTheHeader(TicketKind kind, bool reprint, string[] banners)
    {
        var lines = PrintedPaper.Lines(TicketRenderer.Render(Ticket(kind, reprint), 48));

        Assert.Equal(banners, lines.Take(banners.Length).Select(l => l.Text));
        Assert.All(lines.Take(banners.Length), l => Assert.True(l.Bold && l.Width == 2 && l.Height == 2));
        Assert.Equal("#1234 Table 12", lines[banners.Length].Text);
    }

    [Fact]
    public void Render_SaysWhichPrinterTheTicketWasMeantFor_WhenFailedOver()
    {
        var lines = PrintedPaper.Lines(TicketRenderer.Render(Ticket(meantFor: "Grill 1"), 42));

        Assert.Contains(new PrintedLine("FOR Grill 1", 11, true, 1, 1), lines);
    }

    [Fact]
    public void Render_SeparatesCourses_InTheOrderTheyFirstAppear()
    {
        var ticket = Ticket(lines:
        [
            new KitchenTicketLine(1, "Soup", [], null, "Starters"),
            new KitchenTicketLine(2, "Burger", [], null, "Mains"),
            new KitchenTicketLine(1, "Salad", [], null, "Starters"),
        ]);

        var texts = PrintedPaper.Lines(TicketRenderer.Render(ticket, 42)).Select(l => l.Text).ToList();

        var starters = texts.IndexOf("--- Starters " + new string('-', 29));
        Assert.True(starters > 0);
        Assert.Equal(["1 x Soup", "1 x Salad", "--- Mains " + new string('-', 32), "2 x Burger"], texts.Skip(starters + 1).Take(4));
    }

    [Fact]
    public void Render_ReplacesUnprintableCharactersVisibly()
    {
        var ticket = Ticket(lines: [new KitchenTicketLine(1, "Crêpe 🍓 €", ["ſpecial"], null)]);

        var texts = PrintedPaper.Lines(TicketRenderer.Render(ticket, 42, EscPosCodePage.Pc858)).Select(l => l.Text).ToList();

        Assert.Contains("1 x Crêpe ? €", texts);
        Assert.Contains("    + ?pecial", texts);
    }
}
