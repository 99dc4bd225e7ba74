using Pos.Grains.Printing;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>When a printer's queue moves to its backup, decided on times passed in.</summary>
public sealed class PrinterFailoverTests
{
    private static readonly DateTimeOffset Down = new(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);
    private static readonly PrinterConfig Kitchen = Jobs.Printer("kitchen", backup: "bar", failoverAfterSeconds: 60);
    private static readonly PrinterSet Printers = new(2, [Kitchen, Jobs.Printer("bar")]);

    [Fact]
    public void A_printer_down_for_its_window_moves_to_its_backup()
    {
        Assert.Equal("bar", PrinterFailover.BackupIfDue(Kitchen, Down, Down.AddSeconds(60), Printers)?.PrinterId);
    }

    [Fact]
    public void Within_the_window_the_jobs_wait_for_their_own_printer()
    {
        Assert.Null(PrinterFailover.BackupIfDue(Kitchen, Down, Down.AddSeconds(59.9), Printers));
    }

    [Fact]
    public void A_printer_that_is_up_never_fails_over()
    {
        Assert.Null(PrinterFailover.BackupIfDue(Kitchen, downSince: null, Down.AddHours(1), Printers));
    }

    [Fact]
    public void Without_a_configured_backup_the_jobs_wait_however_long_it_takes()
    {
        Assert.Null(PrinterFailover.BackupIfDue(Jobs.Printer("kitchen"), Down, Down.AddHours(1), Printers));
        Assert.Null(PrinterFailover.BackupIfDue(Kitchen, Down, Down.AddHours(1), new PrinterSet(1, [Kitchen])));
        Assert.Null(PrinterFailover.BackupIfDue(Kitchen, Down, Down.AddHours(1), printers: null));
    }

    [Fact]
    public void The_reason_says_which_printer_was_down_since_when_and_why()
    {
        Assert.Equal($"Printer kitchen down since {Down:HH:mm:ss}: connection refused", PrinterFailover.Reason(Kitchen, Down, "connection refused"));
    }
}
