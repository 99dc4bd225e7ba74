using System.Net;
using System.Net.Http.Json;
using Pos.Appliance.Tests.Staff;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>
/// Removing a printer, with virtual printers on real TCP ports: its unfinished tickets move and print once elsewhere,
/// it takes no more, it is refused while it is a backup or holds tickets nowhere to go, and it can be added anew.
/// </summary>
public sealed class PrinterRemovalTests
{
    [Fact]
    public async Task Removing_a_printer_moves_its_queued_tickets_to_its_backup_where_each_prints_once_and_records_who_removed_it()
    {
        await using var rig = await PrintingRig.StartAsync(kitchenBackup: 3600);
        rig.Kitchen.SetMode("paper-out");
        var first = await rig.FireOrderAsync(("burger", 1));
        var second = await rig.FireOrderAsync(("fries", 2));
        await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"), p => p.GetProperty("status").GetString() == "paper-out" && p.GetProperty("queueDepth").GetInt32() == 2,
            TimeSpan.FromSeconds(10), "two tickets waiting at the kitchen printer");

        // A manager signed in on a manager's till removes it; two tills at once: one removal, both answered 204.
        using var till = rig.Appliance.NewClient(await rig.Client.RegisterDeviceAsync("till-mia", "manager", "Office till"));
        Assert.Equal(HttpStatusCode.OK, (await rig.Client.SaveEmployeeAsync("mia", "Mia", "manager", "7391")).StatusCode);
        using var mia = rig.Appliance.NewClient(await till.SessionAsync("7391"));
        var removals = await Task.WhenAll(DeleteAsync(mia, "/api/v1/printers/kitchen", "remove-kitchen"), DeleteAsync(rig.Client, "/api/v1/printers/kitchen", "admin-remove"));
        Assert.All(removals, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));

        var tickets = await rig.WaitForTicketsAsync(rig.Bar, 2);
        Assert.All(tickets, t => Assert.Contains("FOR Kitchen", PrintingRig.Lines(t)));
        Assert.All(tickets, t => Assert.DoesNotContain(PrintingRig.Lines(t), l => l.Contains("REPRINT", StringComparison.Ordinal)));
        Assert.Contains($"#{first.Number} Table 12", PrintingRig.Lines(tickets[0]));
        Assert.Contains($"#{second.Number} Table 12", PrintingRig.Lines(tickets[1]));

        var removed = Assert.Single(await rig.EventsAsync("PrinterRemoved"));
        Assert.Equal("bar", removed.GetProperty("data").GetProperty("jobsMoveTo").GetString());
        Assert.Equal(2, removed.GetProperty("data").GetProperty("unfinishedJobs").GetInt32());
        var moves = await rig.EventsAsync("PrintJobFailedOver");
        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Contains("was removed", m.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal));
        // Whoever's removal landed, its events and the moves record the same device and person.
        var by = (removed.Text("deviceId"), removed.Text("employeeId"));
        Assert.Contains(by, new (string?, string?)[] { ("till-mia", "mia"), ("admin", null) });
        Assert.All(moves, m => Assert.Equal(by, (m.Text("deviceId"), m.Text("employeeId"))));

        // Gone from the list, its routes 404; the kitchen station now prints nowhere, and says so.
        var list = await rig.Client.GetJsonAsync("/api/v1/printers");
        Assert.DoesNotContain(list.GetProperty("printers").EnumerateArray(), p => p.Text("printerId") == "kitchen");
        Assert.Contains("kitchen", list.GetProperty("stationsWithoutPrinter").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/api/v1/printers/kitchen")).StatusCode);

        // A retry with the key gets the first answer; without one, removing what is removed is 204 and changes nothing.
        using (var again = await DeleteAsync(mia, "/api/v1/printers/kitchen", "remove-kitchen"))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
            Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync("/api/v1/printers/kitchen")).StatusCode);
        Assert.Single(await rig.EventsAsync("PrinterRemoved"));

        // The removed printer takes nothing more: back online, it prints nothing while the bar goes on.
        rig.Kitchen.SetMode("online");
        rig.Appliance.Time.Advance(TimeSpan.FromMinutes(2));
        await rig.FireOrderAsync(("burger", 1), ("ipa", 1));
        await rig.WaitForTicketsAsync(rig.Bar, 3);
        await Poll.UntilAsync(() => rig.JobsAsync("bar"), j => j.Count == 3 && j.All(x => x.Text("status") == "printed"),
            TimeSpan.FromSeconds(10), "the bar's jobs printed");
        Assert.Empty(rig.Kitchen.Tickets);
        Assert.Equal(3, rig.Bar.Tickets.Count);

        // Added again under the same id, it is a printer like any other: new tickets print there, the moved ones never again.
        await rig.PutPrinterAsync("kitchen", "Kitchen", rig.Kitchen.Port, "kitchen");
        await rig.FireOrderAsync(("fries", 1));
        var fresh = Assert.Single(await rig.WaitForTicketsAsync(rig.Kitchen, 1));
        Assert.Equal(["1 x Fries"], PrintingRig.Lines(fresh).Where(l => l.Contains(" x ", StringComparison.Ordinal)));
        Assert.Equal(3, rig.Bar.Tickets.Count);
    }

    [Fact]
    public async Task A_ticket_being_sent_when_its_printer_is_removed_prints_once_more_on_the_backup_marked_reprint()
    {
        await using var rig = await PrintingRig.StartAsync(kitchenBackup: 3600);
        rig.Kitchen.SetMode("slow", "60000"); // takes the ticket, confirms it a minute later
        var (_, number) = await rig.FireOrderAsync(("burger", 2));
        await rig.WaitForTicketsAsync(rig.Kitchen, 1);
        await Poll.UntilAsync(() => rig.JobsAsync("kitchen"), j => j.Count == 1 && j[0].Text("status") == "printing",
            TimeSpan.FromSeconds(10), "the job sent, its outcome unknown");

        Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync("/api/v1/printers/kitchen")).StatusCode);

        var ticket = Assert.Single(await rig.WaitForTicketsAsync(rig.Bar, 1));
        var text = PrintingRig.Lines(ticket);
        Assert.Contains("** REPRINT **", text);
        Assert.Contains("FOR Kitchen", text);
        Assert.Contains($"#{number} Table 12", text);
        var job = Assert.Single(await Poll.UntilAsync(() => rig.JobsAsync("bar"), j => j.Count == 1 && j[0].Text("status") == "printed",
            TimeSpan.FromSeconds(10), "the moved job printed by the bar"));
        Assert.Equal(("bar", "kitchen"), (job.Text("printedBy"), job.Text("queuedFor")));
        Assert.Single(await rig.EventsAsync("PrintJobPrinted"));
    }

    [Fact]
    public async Task A_printer_that_is_another_printers_backup_is_not_removed()
    {
        await using var rig = await PrintingRig.StartAsync(kitchenBackup: 60);
        var head = (await rig.Client.ReadJournalAsync()).Count;

        using var refused = await rig.Client.DeleteAsync("/api/v1/printers/bar");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("printer-is-backup", problem.Text("code"));
        Assert.Equal(["kitchen"], problem.GetProperty("backupOf").EnumerateArray().Select(b => b.GetString()));
        Assert.Contains("kitchen", problem.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(head, (await rig.Client.ReadJournalAsync()).Count);

        // Still a printer: it prints.
        await rig.FireOrderAsync(("ipa", 1));
        Assert.Single(await rig.WaitForTicketsAsync(rig.Bar, 1));
    }

    [Fact]
    public async Task Tickets_no_printer_can_take_refuse_the_removal_unless_forced_then_they_are_recorded_failed_and_can_be_printed_elsewhere()
    {
        await using var rig = await PrintingRig.StartAsync();
        rig.Kitchen.SetMode("paper-out");
        var (_, number) = await rig.FireOrderAsync(("burger", 1));
        await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"), p => p.GetProperty("queueDepth").GetInt32() == 1,
            TimeSpan.FromSeconds(10), "a ticket waiting at the kitchen printer");
        var jobId = Assert.Single(await rig.JobsAsync("kitchen")).GetProperty("jobId").GetGuid();
        var head = (await rig.Client.ReadJournalAsync()).Count;

        using (var refused = await rig.Client.DeleteAsync("/api/v1/printers/kitchen"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.Equal("printer-has-jobs", problem.Text("code"));
            Assert.Equal([jobId], problem.GetProperty("unfinishedJobs").EnumerateArray().Select(j => j.GetGuid()));
            Assert.Contains("1 unprinted ticket", problem.Text("detail"), StringComparison.Ordinal);
        }
        Assert.Equal(head, (await rig.Client.ReadJournalAsync()).Count);

        using (var forced = await DeleteAsync(rig.Client, "/api/v1/printers/kitchen?force=true", "force-kitchen"))
        {
            Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        }
        // The query is part of the request: the same key without force=true is another request.
        using (var other = await DeleteAsync(rig.Client, "/api/v1/printers/kitchen", "force-kitchen"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
            Assert.Equal("idempotency-key-reused", (await other.JsonAsync()).Text("code"));
        }
        var failed = Assert.Single(await rig.EventsAsync("PrintJobFailed"));
        Assert.Equal(jobId, failed.GetProperty("data").GetProperty("jobId").GetGuid());
        Assert.True(Assert.Single(await rig.EventsAsync("PrinterRemoved")).GetProperty("data").GetProperty("forced").GetBoolean());

        // Printed on the bar by a person's reprint, marked REPRINT.
        using (var reprint = await rig.Client.PostAsJsonAsync($"/api/v1/printers/bar/jobs/{jobId}/reprint", new { }))
        {
            Assert.Equal(HttpStatusCode.Created, reprint.StatusCode);
        }
        var ticket = Assert.Single(await rig.WaitForTicketsAsync(rig.Bar, 1));
        Assert.Contains("** REPRINT **", PrintingRig.Lines(ticket));
        Assert.Contains($"#{number} Table 12", PrintingRig.Lines(ticket));
        rig.Kitchen.SetMode("online");
        Assert.Empty(rig.Kitchen.Tickets);
    }

    [Fact]
    public async Task Without_a_backup_the_tickets_move_to_another_printer_of_the_station()
    {
        await using var rig = await PrintingRig.StartAsync();
        await using var line = VirtualPrinterHost.Start("kitchen-line");
        rig.Kitchen.SetMode("paper-out");
        await rig.FireOrderAsync(("burger", 1));
        await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"), p => p.GetProperty("queueDepth").GetInt32() == 1,
            TimeSpan.FromSeconds(10), "a ticket waiting at the kitchen printer");
        // Added after the fire: it has none of the kitchen's tickets of its own.
        await rig.PutPrinterAsync("kitchen-line", "Line", line.Port, "kitchen");

        Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync("/api/v1/printers/kitchen")).StatusCode);

        var ticket = Assert.Single(await Poll.UntilAsync(() => Task.FromResult(line.Tickets), t => t.Count >= 1, TimeSpan.FromSeconds(30), "the moved ticket"));
        Assert.Contains("FOR Kitchen", PrintingRig.Lines(ticket));
        Assert.Equal("kitchen-line", Assert.Single(await rig.EventsAsync("PrinterRemoved")).GetProperty("data").GetProperty("jobsMoveTo").GetString());
    }

    [Fact]
    public async Task A_removed_printer_stays_removed_after_a_restart_and_can_be_added_again()
    {
        var db = await TestPostgres.CreateDatabaseAsync();
        await using (var rig = await PrintingRig.StartAsync(connectionString: db))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await rig.Client.DeleteAsync("/api/v1/printers/kitchen")).StatusCode);
        }

        await using var kitchen = VirtualPrinterHost.Start("kitchen-again");
        await using var appliance = await PrintingRig.StartOnAsync(db);
        using var client = appliance.NewClient();
        var printers = (await client.GetJsonAsync("/api/v1/printers")).GetProperty("printers").EnumerateArray().Select(p => p.Text("printerId")).ToList();
        Assert.Equal(["bar"], printers);
        // Known as removed from the journal: removing it again is done already, without a new event.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/printers/kitchen")).StatusCode);
        Assert.Single(await client.ReadJournalAsync(), e => e.Text("type") == "PrinterRemoved");

        using (var put = await client.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var orderId = Guid.NewGuid();
        (await client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        var ticket = Assert.Single(await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets), t => t.Count >= 1, TimeSpan.FromSeconds(30), "a ticket at the kitchen added again"));
        Assert.Contains("1 x Burger", PrintingRig.Lines(ticket));
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
