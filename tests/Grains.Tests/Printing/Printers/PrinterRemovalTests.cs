using Pos.Contracts.Printing;
using Pos.Grains.Commands;
using Pos.Grains.Printing;
using Pos.Tests.Shared;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>
/// The printer grain once its printer is removed: what it holds moves to the backup at once, and a ticket that reaches
/// it later (a fire that raced the removal) follows; with no printer to take it, it is recorded failed, never dropped.
/// </summary>
[Collection(PrinterClusterCollection.Name)]
public sealed class PrinterRemovalTests(PrinterCluster cluster)
{
    private static readonly CommandContext Manager = new("till-1", EmployeeId: "mia");

    [Fact]
    public async Task A_removed_printer_moves_its_queue_to_its_backup_and_a_ticket_arriving_later_follows()
    {
        var kitchen = cluster.Printers.Add("rm-kitchen");
        kitchen.RefuseConnections(int.MaxValue);
        var bar = cluster.Printers.Add("rm-bar");
        var removed = Jobs.Printer("rm-kitchen", backup: "rm-bar", failoverAfterSeconds: 3600);
        await cluster.ConfigureAsync(Jobs.Printer("rm-bar"), removed);
        var first = await cluster.QueueAsync("rm-kitchen", 701);
        await Poll.UntilAsync(() => cluster.PrinterAsync("rm-kitchen"), p => p.DownSince is not null && p.QueueDepth == 1,
            TimeSpan.FromSeconds(10), "the kitchen printer down with its ticket");

        await RemoveAsync(removed);

        await Poll.UntilAsync(() => Task.FromResult(bar.Tickets.Count), n => n == 1, TimeSpan.FromSeconds(10), "the ticket at the backup");
        Assert.Contains("FOR Printer rm-kitchen", Jobs.Text(bar.Tickets[0]));
        var moved = Assert.IsType<PrintJobFailedOver>(cluster.Journal.EventsOf(first.JobId)[1]);
        Assert.Equal(("rm-bar", "rm-kitchen"), (moved.PrinterId, moved.FromPrinterId));
        Assert.Contains("was removed", moved.Reason, StringComparison.Ordinal);
        Assert.Empty(await cluster.Grains.GetGrain<IPrinterGrain>("rm-kitchen").Unfinished());

        // A fire that routed to the kitchen before the removal committed: its ticket reaches the removed printer after.
        var late = await cluster.QueueAsync("rm-kitchen", 702);
        await Poll.UntilAsync(() => Task.FromResult(bar.Tickets.Count), n => n == 2, TimeSpan.FromSeconds(10), "the late ticket at the backup");
        Assert.IsType<PrintJobFailedOver>(cluster.Journal.EventsOf(late.JobId)[1]);
        Assert.Empty(kitchen.Tickets);
        Assert.Null(await cluster.Grains.GetGrain<IPrinterGrain>("rm-kitchen").Get());
    }

    [Fact]
    public async Task A_ticket_no_printer_can_take_is_recorded_failed_and_a_printer_added_again_prints_anew()
    {
        var lonely = cluster.Printers.Add("rm-lonely");
        lonely.RefuseConnections(int.MaxValue);
        var removed = Jobs.Printer("rm-lonely") with { Station = "rm-pastry" };
        await cluster.ConfigureAsync(removed);
        var held = await cluster.QueueAsync("rm-lonely", 801);
        await Poll.UntilAsync(() => cluster.PrinterAsync("rm-lonely"), p => p.QueueDepth == 1, TimeSpan.FromSeconds(10), "the ticket waiting");

        await RemoveAsync(removed);
        var late = await cluster.QueueAsync("rm-lonely", 802);

        await Poll.UntilAsync(() => Task.FromResult(cluster.Journal.EventsOf(late.JobId).Count), n => n == 2, TimeSpan.FromSeconds(10), "the late ticket recorded");
        Assert.All(new[] { held, late }, job => Assert.IsType<PrintJobFailed>(cluster.Journal.EventsOf(job.JobId)[1]));
        var jobs = await cluster.Grains.GetGrain<IPrinterGrain>("rm-lonely").Jobs(null, 10);
        Assert.All(jobs, j => Assert.Equal(PrintJobStatus.Failed, j.Status));

        // Added again: it prints what reaches it from now on, never the failed ones.
        lonely.RefuseConnections(0);
        await cluster.ConfigureAsync(removed);
        var fresh = await cluster.QueueAsync("rm-lonely", 803);
        await cluster.AdvanceUntilAsync(() => lonely.Tickets.Count >= 1, TimeSpan.FromSeconds(1), "the new ticket printed");
        var ticket = Assert.Single(lonely.Tickets);
        Assert.Contains("#803 Table 12", Jobs.Text(ticket));
        Assert.Equal(fresh.JobId, (await cluster.Grains.GetGrain<IPrinterGrain>("rm-lonely").Jobs(PrintJobStatus.Printed, 10)).Single().JobId);
    }

    // As the printer directory does: the printer leaves the catalog, then its grain is told.
    private async Task RemoveAsync(PrinterConfig removed)
    {
        var current = cluster.Catalog.Current!;
        cluster.Catalog.Publish(new PrinterSet(current.Version + 1, [.. current.Printers.Where(p => p.PrinterId != removed.PrinterId)]));
        await cluster.Grains.GetGrain<IPrinterGrain>(removed.PrinterId).Remove(removed, Manager);
    }
}
