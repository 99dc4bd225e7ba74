using Microsoft.Extensions.Logging;
using Pos.Contracts.Printing;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Tests.Shared;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>
/// The printer grain's rules in an in-process silo: retries with backoff on the store clock, failover, exactly-once
/// tickets, REPRINT after an unknown outcome, status, journal outages and bugs told apart.
/// </summary>
[Collection(PrinterClusterCollection.Name)]
public sealed class PrinterGrainTests(PrinterCluster cluster)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_printer_that_refuses_three_times_is_retried_with_waits_and_prints_the_ticket_once()
    {
        var printer = cluster.Printers.Add("retry-1");
        printer.RefuseConnections(3);
        await cluster.ConfigureAsync(Jobs.Printer("retry-1"));
        var job = await cluster.QueueAsync("retry-1", 101);

        var down = await Poll.UntilAsync(() => cluster.PrinterAsync("retry-1"), p => p.Status == PrinterStatus.Offline && p.QueueDepth == 1,
            TimeSpan.FromSeconds(10), "the printer reported offline with the job waiting");
        Assert.Equal(1, down.QueueDepth);
        Assert.Contains("connection refused", down.LastError, StringComparison.Ordinal);
        Assert.NotNull(down.DownSince);

        await cluster.AdvanceUntilAsync(() => printer.Tickets.Count == 1, Step, "the ticket printed");
        var opens = printer.Opens;
        Assert.Equal(4, opens.Count);
        // Each retry waited on the store clock (jittered backoff from 1 s), none hammered the printer.
        Assert.All(opens.Zip(opens.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(500), $"gap {gap}"));
        Assert.True(opens[^1] - opens[0] >= TimeSpan.FromSeconds(3), $"retried within {opens[^1] - opens[0]}");

        var up = await Poll.UntilAsync(() => cluster.PrinterAsync("retry-1"), p => p.QueueDepth == 0 && p.LastError is null,
            TimeSpan.FromSeconds(10), "the queue drained and the error cleared");
        Assert.Equal(PrinterStatus.Online, up.Status);
        Assert.Null(up.DownSince);
        Assert.Single(printer.Tickets);
        Assert.Equal(["Sending", "Printed"], EventNames(job.JobId));
        Assert.DoesNotContain(Jobs.Text(printer.Tickets[0]), l => l.Contains("REPRINT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_printer_down_past_its_window_moves_its_queue_to_the_backup_and_a_later_job_follows_at_once()
    {
        var kitchen = cluster.Printers.Add("fo-kitchen");
        kitchen.RefuseConnections(int.MaxValue);
        var bar = cluster.Printers.Add("fo-bar");
        await cluster.ConfigureAsync(Jobs.Printer("fo-bar"), Jobs.Printer("fo-kitchen", backup: "fo-bar", failoverAfterSeconds: 60));
        var first = await cluster.QueueAsync("fo-kitchen", 201);
        var down = await Poll.UntilAsync(() => cluster.PrinterAsync("fo-kitchen"), p => p.DownSince is not null,
            TimeSpan.FromSeconds(10), "the kitchen printer seen down");

        await Poll.UntilAsync(() => cluster.PrinterAsync("fo-kitchen"), p => p.QueueDepth == 1, TimeSpan.FromSeconds(10), "the job queued");
        // Within the window the job waits for its own printer.
        cluster.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await cluster.PrinterAsync("fo-kitchen")).QueueDepth);
        Assert.Empty(bar.Tickets);

        await cluster.AdvanceUntilAsync(() => bar.Tickets.Count == 1, TimeSpan.FromSeconds(1), "the ticket printed by the backup");
        Assert.True(cluster.Time.GetUtcNow() - down.DownSince!.Value >= TimeSpan.FromSeconds(60), "moved before the window ended");
        Assert.Contains("FOR Printer fo-kitchen", Jobs.Text(bar.Tickets[0]));
        var moved = Assert.Single(await Poll.UntilAsync(() => cluster.Grains.GetGrain<IPrinterGrain>("fo-kitchen").Jobs(null, 10),
            j => j.Count == 1 && j[0].Status == PrintJobStatus.Printed, TimeSpan.FromSeconds(10), "the job printed by the backup"));
        Assert.Equal(("fo-bar", "fo-kitchen", "fo-bar"), (moved.PrinterId, moved.QueuedFor, moved.PrintedBy));
        Assert.Equal(["FailedOver", "Sending", "Printed"], EventNames(first.JobId));

        // The printer is still down and past its window: a new job moves without waiting for the next attempt.
        var second = await cluster.QueueAsync("fo-kitchen", 202);
        await Poll.UntilAsync(() => Task.FromResult(bar.Tickets.Count), n => n == 2, TimeSpan.FromSeconds(10), "the second job at the backup");
        Assert.Equal(["FailedOver", "Sending", "Printed"], EventNames(second.JobId));
        Assert.Empty(kitchen.Tickets);
        Assert.Equal(0, (await cluster.PrinterAsync("fo-kitchen")).QueueDepth);
    }

    [Fact]
    public async Task A_ticket_whose_confirmation_never_came_prints_again_marked_reprint_and_is_recorded_once()
    {
        var printer = cluster.Printers.Add("drop-1");
        printer.DropConfirmations(1);
        await cluster.ConfigureAsync(Jobs.Printer("drop-1"));
        var job = await cluster.QueueAsync("drop-1", 301);

        await cluster.AdvanceUntilAsync(() => printer.Tickets.Count == 2 && EventNames(job.JobId).Contains("Printed"), Step, "the second copy confirmed");
        Assert.DoesNotContain(Jobs.Text(printer.Tickets[0]), l => l.Contains("REPRINT", StringComparison.Ordinal));
        Assert.Contains("** REPRINT **", Jobs.Text(printer.Tickets[1]));
        Assert.Equal(["Sending", "Sending", "Printed"], EventNames(job.JobId));
        var view = Assert.Single(await cluster.Grains.GetGrain<IPrinterGrain>("drop-1").Jobs(null, 10));
        Assert.Equal((PrintJobStatus.Printed, 2, true), (view.Status, view.Attempts, view.Reprint));
    }

    [Fact]
    public async Task Paper_out_is_reported_and_the_job_waits_until_the_paper_is_back()
    {
        var printer = cluster.Printers.Add("paper-1");
        printer.Status = PrinterStatus.PaperOut;
        await cluster.ConfigureAsync(Jobs.Printer("paper-1"));
        await cluster.QueueAsync("paper-1", 401);

        var view = await Poll.UntilAsync(() => cluster.PrinterAsync("paper-1"), p => p.Status == PrinterStatus.PaperOut && p.QueueDepth == 1,
            TimeSpan.FromSeconds(10), "paper out reported with the job waiting");
        Assert.Contains("paper out", view.LastError, StringComparison.Ordinal);
        Assert.Equal(1, view.QueueDepth);
        Assert.Empty(printer.Tickets);

        printer.Status = PrinterStatus.Online;
        await cluster.AdvanceUntilAsync(() => printer.Tickets.Count == 1, Step, "the ticket after the paper came back");
        await Poll.UntilAsync(() => cluster.PrinterAsync("paper-1"), p => p.Status == PrinterStatus.Online && p.QueueDepth == 0,
            TimeSpan.FromSeconds(10), "the printer online with nothing queued");
        Assert.Single(printer.Tickets);
    }

    [Fact]
    public async Task A_journal_outage_while_recording_waits_for_the_journal_and_prints_once_without_an_unexpected_error()
    {
        var printer = cluster.Printers.Add("journal-1");
        await cluster.ConfigureAsync(Jobs.Printer("journal-1"));
        cluster.Journal.FailNextAppends(1, nameof(PrintJobSending));
        var job = await cluster.QueueAsync("journal-1", 501);

        await cluster.AdvanceUntilAsync(() => printer.Tickets.Count == 1 && EventNames(job.JobId).Contains("Printed"), Step, "the ticket after the journal came back");
        Assert.Single(printer.Tickets);
        Assert.Equal(["Sending", "Printed"], EventNames(job.JobId));
        Assert.False(cluster.UnexpectedErrors.ContainsKey("journal-1"));
        Assert.Contains(cluster.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("journal-1: cannot record print progress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unexpected_error_is_logged_with_its_stack_and_counted_and_the_printer_goes_on()
    {
        var printer = cluster.Printers.Add("bug-1");
        printer.ThrowOnNextOpen(new InvalidOperationException("a defect in the link"));
        await cluster.ConfigureAsync(Jobs.Printer("bug-1"));
        await cluster.QueueAsync("bug-1", 601);

        await Poll.UntilAsync(() => Task.FromResult(cluster.UnexpectedErrors.GetValueOrDefault("bug-1")), n => n == 1,
            TimeSpan.FromSeconds(10), "the unexpected error counted");
        var logged = Assert.Single(cluster.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("bug-1", StringComparison.Ordinal));
        var error = Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Equal("a defect in the link", error.Message);
        Assert.NotNull(error.StackTrace);

        await cluster.AdvanceUntilAsync(() => printer.Tickets.Count == 1, Step, "the ticket after the error");
        Assert.Equal(1, cluster.UnexpectedErrors["bug-1"]);
    }

    private List<string> EventNames(Guid jobId) =>
        [.. cluster.Journal.EventsOf(jobId).Skip(1).Select(e => e.GetType().Name.Replace("PrintJob", "", StringComparison.Ordinal))];
}
