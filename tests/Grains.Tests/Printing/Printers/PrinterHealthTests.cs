using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>A printer's health as pure code: status from its status bytes, the outage, the error people see.</summary>
public sealed class PrinterHealthTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PrinterStatus.Online)]
    [InlineData(PrinterStatus.Offline)]
    [InlineData(PrinterStatus.PaperOut)]
    [InlineData(PrinterStatus.CoverOpen)]
    public void The_status_is_what_the_printers_answers_say(PrinterStatus status)
    {
        Assert.Equal(status, PrinterHealth.StatusOf(AnswersOf(status)));
    }

    [Fact]
    public void A_cover_open_wins_over_paper_out_and_the_paper_sensor_alone_means_paper_out()
    {
        var coverAndPaper = new PrinterStatusBytes(0x1A, 0x36, 0x72);
        Assert.Equal(PrinterStatus.CoverOpen, PrinterHealth.StatusOf(coverAndPaper));
        var onlyTheSensor = new PrinterStatusBytes(0x12, 0x12, 0x72);
        Assert.Equal(PrinterStatus.PaperOut, PrinterHealth.StatusOf(onlyTheSensor));
    }

    [Fact]
    public void A_byte_that_is_not_a_status_answer_counts_as_offline()
    {
        Assert.Equal(PrinterStatus.Offline, PrinterHealth.StatusOf(new PrinterStatusBytes(0x37, 0x12, 0x12)));
    }

    [Fact]
    public void The_outage_starts_at_the_first_failure_and_ends_with_its_error_when_the_printer_answers_well()
    {
        var health = new PrinterHealth();
        health.Unreachable();
        health.Failed("cannot connect", At);
        health.Down(At);
        health.Failed("cannot connect again", At.AddSeconds(5));
        health.Down(At.AddSeconds(5));

        var down = health.View(Jobs.Printer("kitchen"), 3);
        Assert.Equal((PrinterStatus.Offline, 3, "cannot connect again", At.AddSeconds(5), At),
            (down.Status!.Value, down.QueueDepth, down.LastError, down.LastErrorAt!.Value, down.DownSince!.Value));

        Assert.Null(health.Answered(PrinterStatus.Online, "Kitchen", 3));
        health.Up();
        health.Printed(At.AddSeconds(6));
        var up = health.View(Jobs.Printer("kitchen"), 0);
        Assert.Equal((PrinterStatus.Online, null, null, null, At.AddSeconds(6)),
            (up.Status!.Value, up.LastError, up.LastErrorAt, up.DownSince, up.LastPrintedAt!.Value));
    }

    [Fact]
    public void A_status_that_cannot_print_is_reported_as_what_a_person_must_do()
    {
        var health = new PrinterHealth();
        Assert.Equal("Kitchen reports paper out; 2 ticket(s) waiting", health.Answered(PrinterStatus.PaperOut, "Kitchen", 2));
        Assert.Equal("Kitchen reports cover open; 1 ticket(s) waiting", health.Answered(PrinterStatus.CoverOpen, "Kitchen", 1));
        Assert.Equal(PrinterStatus.CoverOpen, health.Status);
    }

    private static PrinterStatusBytes AnswersOf(PrinterStatus status) => new(
        EscPosStatus.ResponseFor(StatusRequest.Printer, status),
        EscPosStatus.ResponseFor(StatusRequest.OfflineCause, status),
        EscPosStatus.ResponseFor(StatusRequest.RollPaperSensor, status));
}
