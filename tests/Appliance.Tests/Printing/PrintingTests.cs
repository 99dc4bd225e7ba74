using System.Net;
using System.Net.Http.Json;
using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>Kitchen tickets over real TCP to virtual printers: routing, retries, failover, reprints.</summary>
public sealed class PrintingTests
{
    [Fact]
    public async Task A_fired_order_prints_one_ticket_per_station_with_exactly_the_lines_fired()
    {
        await using var rig = await PrintingRig.StartAsync();
        var (orderId, number) = await rig.FireOrderAsync(("burger", 2), ("fries", 1), ("ipa", 1));

        var kitchen = Assert.Single(await rig.WaitForTicketsAsync(rig.Kitchen, 1));
        var bar = Assert.Single(await rig.WaitForTicketsAsync(rig.Bar, 1));

        // Decoded with the project's own reader: the commands, not just the bytes.
        var commands = EscPosReader.Parse(kitchen.Bytes);
        Assert.IsType<InitializeCommand>(commands[0]);
        Assert.Contains(new SelectCodePageCommand((byte)EscPosCodePage.Pc858), commands);
        Assert.IsType<CutCommand>(commands[^1]);
        var text = PrintingRig.Lines(kitchen);
        Assert.Contains($"#{number} Table 12", text);
        Assert.Contains("2 x Burger", text);
        Assert.Contains("1 x Fries", text);
        Assert.DoesNotContain(text, l => l.Contains("IPA", StringComparison.Ordinal));
        Assert.DoesNotContain(text, l => l.Contains("REPRINT", StringComparison.Ordinal));
        Assert.Equal(["1 x IPA"], PrintingRig.Lines(bar).Where(l => l.Contains(" x ", StringComparison.Ordinal)));

        // Firing again with nothing new queues nothing; a line added later gets a ticket of its own.
        await rig.FireAsync(orderId);
        (await rig.Client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 3)).EnsureSuccessStatusCode();
        await rig.FireAsync(orderId);
        var second = (await rig.WaitForTicketsAsync(rig.Kitchen, 2))[1];
        Assert.Equal(["3 x Fries"], PrintingRig.Lines(second).Where(l => l.Contains(" x ", StringComparison.Ordinal)));
        Assert.Equal(3, (await rig.EventsAsync("PrintJobQueued")).Count);

        var jobs = await Poll.UntilAsync(() => rig.JobsAsync("kitchen"), j => j.All(x => x.GetProperty("status").GetString() == "printed"),
            TimeSpan.FromSeconds(10), "kitchen jobs printed");
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("kitchen", j.GetProperty("printedBy").GetString()));
        Assert.All(jobs, j => Assert.Equal(orderId, j.GetProperty("orderId").GetGuid()));
        Assert.Single(rig.Bar.Tickets);
        // Printed means the printer answered the ticket's process ID (GS ( H), not merely that TCP took the bytes.
        Assert.All(await rig.EventsAsync("PrintJobPrinted"),
            e => Assert.Equal("process-id", e.GetProperty("data").GetProperty("confirmedBy").GetString()));
    }

    [Fact]
    public async Task Two_racing_fires_print_each_line_once()
    {
        await using var rig = await PrintingRig.StartAsync();
        var orderId = Guid.NewGuid();
        (await rig.Client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await rig.Client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        (await rig.Client.AddLineAsync(orderId, Guid.NewGuid(), "soda", 2)).EnsureSuccessStatusCode();

        var fires = Enumerable.Range(0, 8).Select(_ => rig.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { }));
        foreach (var response in await Task.WhenAll(fires))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await rig.WaitForTicketsAsync(rig.Kitchen, 1);
        await rig.WaitForTicketsAsync(rig.Bar, 1);
        var queued = await rig.EventsAsync("PrintJobQueued");
        Assert.Equal(2, queued.Count);
        await Poll.UntilAsync(() => rig.EventsAsync("PrintJobPrinted"), p => p.Count == 2, TimeSpan.FromSeconds(10), "both jobs printed");
        Assert.Single(rig.Kitchen.Tickets);
        Assert.Single(rig.Bar.Tickets);
    }

    [Fact]
    public async Task Voiding_a_fired_line_prints_a_void_ticket_at_its_station()
    {
        await using var rig = await PrintingRig.StartAsync();
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await rig.Client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await rig.Client.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        (await rig.Client.AddLineAsync(orderId, Guid.NewGuid(), "ipa", 1)).EnsureSuccessStatusCode();
        await rig.FireAsync(orderId);
        await rig.WaitForTicketsAsync(rig.Kitchen, 1);

        using var voided = await rig.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{lineId}/void", new { reason = "guest changed mind" });
        voided.EnsureSuccessStatusCode();

        var ticket = (await rig.WaitForTicketsAsync(rig.Kitchen, 2))[1];
        var text = PrintingRig.Lines(ticket);
        Assert.Contains("*** VOID ***", text);
        Assert.Contains("1 x Burger", text);
        await rig.WaitForTicketsAsync(rig.Bar, 1);
        Assert.Single(rig.Bar.Tickets); // the bar's line was not voided
    }

    [Fact]
    public async Task A_printer_down_for_a_while_prints_each_queued_ticket_once_and_in_order_when_it_comes_back()
    {
        await using var rig = await PrintingRig.StartAsync();
        rig.Kitchen.SetMode("offline");
        var numbers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await rig.FireOrderAsync(("burger", i + 1))).Number);
        }

        var down = await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"),
            p => p.GetProperty("queueDepth").GetInt32() == 3 && p.GetProperty("status").GetString() == "offline",
            TimeSpan.FromSeconds(10), "the kitchen printer to report offline with 3 queued");
        Assert.Contains("offline", down.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(rig.Kitchen.Tickets);
        Assert.All(await rig.JobsAsync("kitchen"), j => Assert.Equal("queued", j.GetProperty("status").GetString()));

        rig.Kitchen.SetMode("online");
        var tickets = await rig.WaitForTicketsAsync(rig.Kitchen, 3, advanceClock: true);
        Assert.Equal(3, tickets.Count);
        Assert.Equal(numbers.Select(n => $"#{n} Table 12"), tickets.Select(t => PrintingRig.Lines(t).First(l => l.StartsWith('#'))));
        Assert.All(tickets, t => Assert.DoesNotContain(PrintingRig.Lines(t), l => l.Contains("REPRINT", StringComparison.Ordinal)));

        // The error is cleared when the session that drained the queue ends (after one more status check), so a read
        // between the last ticket and that check may still show it: wait for both.
        var up = await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"),
            p => p.GetProperty("queueDepth").GetInt32() == 0 && p.GetProperty("lastError").ValueKind == JsonValueKindNull,
            TimeSpan.FromSeconds(10), "the queue to drain and the error to clear");
        Assert.Equal("online", up.GetProperty("status").GetString());
        Assert.Equal(3, (await rig.EventsAsync("PrintJobPrinted")).Count);
        Assert.Equal(3, rig.Kitchen.Tickets.Count);
    }

    [Fact]
    public async Task Paper_out_is_reported_and_the_job_waits()
    {
        await using var rig = await PrintingRig.StartAsync();
        rig.Kitchen.SetMode("paper-out");
        await rig.FireOrderAsync(("fries", 1));

        var printer = await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"),
            p => p.GetProperty("status").GetString() == "paper-out" && p.GetProperty("queueDepth").GetInt32() == 1,
            TimeSpan.FromSeconds(10), "paper-out to be reported");
        Assert.Contains("paper out", printer.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", Assert.Single(await rig.JobsAsync("kitchen")).GetProperty("status").GetString());
        Assert.Empty(rig.Kitchen.Tickets);

        rig.Kitchen.SetMode("online");
        var ticket = Assert.Single(await rig.WaitForTicketsAsync(rig.Kitchen, 1, advanceClock: true));
        Assert.DoesNotContain(PrintingRig.Lines(ticket), l => l.Contains("REPRINT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_printer_that_stays_down_fails_over_to_its_backup_and_the_ticket_says_where_it_was_meant_to_go()
    {
        await using var rig = await PrintingRig.StartAsync(kitchenBackup: 60);
        await rig.StopKitchenAsync(); // switched off: connections are refused
        await rig.FireOrderAsync(("burger", 1));
        await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"), p => p.GetProperty("status").GetString() == "offline",
            TimeSpan.FromSeconds(10), "the kitchen printer to be seen offline");

        // Within the window the job waits for its own printer.
        rig.Appliance.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await rig.PrinterAsync("kitchen")).GetProperty("queueDepth").GetInt32());
        Assert.Empty(rig.Bar.Tickets);

        var ticket = Assert.Single(await rig.WaitForTicketsAsync(rig.Bar, 1, advanceClock: true));
        var text = PrintingRig.Lines(ticket);
        Assert.Contains("FOR Kitchen", text);
        Assert.Contains("1 x Burger", text);
        Assert.Contains("Station: kitchen", text);

        var job = Assert.Single(await Poll.UntilAsync(() => rig.JobsAsync("kitchen"), j => j.Count == 1 && j[0].GetProperty("status").GetString() == "printed",
            TimeSpan.FromSeconds(10), "the job to be printed by the backup"));
        Assert.Equal("bar", job.GetProperty("printedBy").GetString());
        Assert.Equal("kitchen", job.GetProperty("queuedFor").GetString());
        Assert.Single(await rig.EventsAsync("PrintJobFailedOver"));
        Assert.Equal(0, (await rig.PrinterAsync("kitchen")).GetProperty("queueDepth").GetInt32());
    }

    [Fact]
    public async Task A_connection_dropped_mid_ticket_leads_to_one_complete_ticket_marked_reprint()
    {
        await using var rig = await PrintingRig.StartAsync();
        rig.Kitchen.SetMode("drop-next");
        await rig.FireOrderAsync(("burger", 2));

        var ticket = Assert.Single(await rig.WaitForTicketsAsync(rig.Kitchen, 1, advanceClock: true));
        var text = PrintingRig.Lines(ticket);
        Assert.Contains("** REPRINT **", text);
        Assert.Contains("2 x Burger", text);
        Assert.Contains(EscPosReader.Parse(ticket.Bytes), c => c is CutCommand);

        var job = Assert.Single(await Poll.UntilAsync(() => rig.JobsAsync("kitchen"), j => j.Count == 1 && j[0].GetProperty("status").GetString() == "printed",
            TimeSpan.FromSeconds(10), "the job to be printed"));
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.True(job.GetProperty("reprint").GetBoolean());
        Assert.Single(rig.Kitchen.Tickets);
    }

    [Fact]
    public async Task A_reprint_asked_for_by_a_person_is_a_new_job_marked_reprint()
    {
        await using var rig = await PrintingRig.StartAsync();
        await rig.FireOrderAsync(("fries", 1));
        var first = Assert.Single(await rig.WaitForTicketsAsync(rig.Kitchen, 1));
        Assert.DoesNotContain(PrintingRig.Lines(first), l => l.Contains("REPRINT", StringComparison.Ordinal));
        var original = Assert.Single(await Poll.UntilAsync(() => rig.JobsAsync("kitchen", "printed"), j => j.Count == 1,
            TimeSpan.FromSeconds(10), "the first job printed"));
        var originalId = original.GetProperty("jobId").GetGuid();

        using var response = await rig.Client.PostAsJsonAsync($"/api/v1/printers/kitchen/jobs/{originalId}/reprint", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reprint = await response.JsonAsync();
        Assert.NotEqual(originalId, reprint.GetProperty("jobId").GetGuid());
        Assert.Equal(originalId, reprint.GetProperty("reprintOf").GetGuid());
        Assert.True(reprint.GetProperty("reprint").GetBoolean());

        var second = (await rig.WaitForTicketsAsync(rig.Kitchen, 2))[1];
        var text = PrintingRig.Lines(second);
        Assert.Contains("** REPRINT **", text);
        Assert.Contains("1 x Fries", text);
        Assert.Contains($"Job {reprint.GetProperty("jobId").GetGuid()}", text);
    }

    [Fact]
    public async Task Queued_tickets_survive_a_restart_and_print_once()
    {
        var db = await TestPostgres.CreateDatabaseAsync();
        int number;
        await using (var rig = await PrintingRig.StartAsync(connectionString: db))
        {
            rig.Kitchen.SetMode("paper-out");
            number = (await rig.FireOrderAsync(("burger", 1))).Number;
            await Poll.UntilAsync(() => rig.PrinterAsync("kitchen"), p => p.GetProperty("status").GetString() == "paper-out",
                TimeSpan.FromSeconds(10), "paper-out");
        }

        await using var kitchen = VirtualPrinterHost.Start("kitchen-2");
        await using var appliance = await PrintingRig.StartOnAsync(db);
        using var client = appliance.NewClient();
        // The printer moved to a new port; the queued job follows its printer.
        using (var put = await client.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
        {
            put.EnsureSuccessStatusCode();
        }
        var ticket = Assert.Single(await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets), t => t.Count >= 1, TimeSpan.FromSeconds(30), "the queued ticket"));
        Assert.Contains($"#{number} Table 12", PrintingRig.Lines(ticket));
        Assert.DoesNotContain(PrintingRig.Lines(ticket), l => l.Contains("REPRINT", StringComparison.Ordinal));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
