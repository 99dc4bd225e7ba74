using Pos.Contracts.Printing;
using Pos.Grains.Printing;
using Pos.Grains.Tests.Journal;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>The print queue as pure code: order, recovery from the journal, what may be sent or moved.</summary>
public sealed class PrintQueueTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);
    private readonly InMemoryJournal _journal = new();

    [Fact]
    public async Task Recovery_queues_the_printers_unfinished_jobs_in_the_order_they_reached_it()
    {
        var a = Queue("kitchen", 1);
        var moved = Queue("bar", 2);
        var c = Queue("kitchen", 3);
        var printed = Queue("kitchen", 4);
        _journal.Append(printed.JobId, new PrintJobSending(printed.JobId, "kitchen", 1, false), At);
        _journal.Append(printed.JobId, new PrintJobPrinted(printed.JobId, "kitchen", PrintConfirmation.ProcessId), At);
        _journal.Append(moved.JobId, new PrintJobFailedOver(moved.JobId, "kitchen", "bar", "Bar", "down"), At);

        var queue = await RecoverAsync("kitchen");

        Assert.Equal([a.JobId, c.JobId, moved.JobId], queue.Waiting.Select(j => j.JobId));
        Assert.True(queue.Knows(printed.JobId));
        Assert.Equal(3, queue.Depth);
    }

    [Fact]
    public async Task A_job_sent_but_never_confirmed_recovers_as_a_reprint()
    {
        var job = Queue("kitchen", 1);
        _journal.Append(job.JobId, new PrintJobSending(job.JobId, "kitchen", 1, false), At);

        var queue = await RecoverAsync("kitchen");

        var waiting = Assert.Single(queue.Waiting);
        Assert.True(waiting.TicketToPrint().IsReprint);
        Assert.Equal(1, queue.Unconfirmed);
        Assert.Equal(PrintJobStatus.Printing, waiting.Status);
    }

    [Fact]
    public async Task A_confirmed_job_is_never_sent_again_nor_moved_even_before_the_journal_records_it()
    {
        var first = Queue("kitchen", 1);
        var second = Queue("kitchen", 2);
        var queue = await RecoverAsync("kitchen");

        queue.Confirmed(first.JobId);

        Assert.Equal([second.JobId], queue.NextBatch(16).Select(j => j.JobId));
        Assert.Equal([second.JobId], queue.Movable().Select(j => j.JobId));
        Assert.Equal([first.JobId], queue.ConfirmedNotRecorded.Select(j => j.JobId));
        Assert.True(queue.HasWork);
    }

    [Fact]
    public async Task A_job_that_failed_over_here_never_moves_again()
    {
        var job = Queue("bar", 1);
        _journal.Append(job.JobId, new PrintJobFailedOver(job.JobId, "kitchen", "bar", "Bar", "down"), At);
        var own = Queue("kitchen", 2);

        var queue = await RecoverAsync("kitchen");

        Assert.Equal([own.JobId], queue.Movable().Select(j => j.JobId));
        Assert.Equal("Bar", queue.Waiting[0].TicketToPrint().MeantFor);
    }

    [Fact]
    public async Task A_batch_is_the_head_of_the_queue_and_a_finished_job_leaves_it()
    {
        var jobs = Enumerable.Range(1, 5).Select(n => Queue("kitchen", n)).ToList();
        var queue = await RecoverAsync("kitchen");

        Assert.Equal(jobs.Take(3).Select(j => j.JobId), queue.NextBatch(3).Select(j => j.JobId));
        queue.Finished(queue.Waiting[0]);
        Assert.Equal(jobs.Skip(1).Take(3).Select(j => j.JobId), queue.NextBatch(3).Select(j => j.JobId));
        Assert.Equal(4, queue.Depth);
    }

    [Fact]
    public async Task The_history_keeps_every_unfinished_job_and_only_the_recent_printed_ones()
    {
        var queue = new PrintQueue("kitchen", recentJobs: 2);
        for (var n = 1; n <= 6; n++)
        {
            var queued = Queue("kitchen", n);
            var job = PrintJob.Queue(queued, n, At);
            queue.Track(job);
            job.Apply(new PrintJobPrinted(queued.JobId, "kitchen", PrintConfirmation.Tcp), n + 100, At);
            queue.Finished(job);
        }
        var waiting = Queue("kitchen", 7);
        queue.Track(PrintJob.Queue(waiting, 7, At));

        var listed = queue.List(null, 100);
        Assert.Contains(listed, j => j.JobId == waiting.JobId);
        Assert.True(listed.Count <= 5, $"{listed.Count} jobs kept");
        Assert.Equal(PrintJobStatus.Queued, queue.List(PrintJobStatus.Queued, 10).Single().Status);
    }

    private PrintJobQueued Queue(string printerId, int orderNumber)
    {
        var queued = Jobs.For(printerId, orderNumber);
        _journal.Queue(queued, At);
        return queued;
    }

    private async Task<PrintQueue> RecoverAsync(string printerId) =>
        PrintQueue.Recover(printerId, 200, await _journal.ReadPrintJobsAsync(printerId, 200));
}
