using System.Net.Http.Json;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.EndToEnd.Tests.Printing;

/// <summary>The appliance SIGKILLed between sending a ticket and recording that the printer confirmed it.</summary>
public sealed class KillWhilePrintingTests
{
    [Fact]
    public async Task A_ticket_sent_but_not_recorded_prints_once_more_marked_reprint_after_restart_and_nothing_else_does()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-print-").FullName;
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        int printedNumber, unknownNumber;

        await using (var first = await ApplianceProcess.StartAsync(db, dataDir))
        {
            using var client = first.NewClient();
            await client.PutMenuAsync();
            using (var put = await client.PutAsJsonAsync("/api/v1/printers/kitchen",
                       new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
            {
                put.EnsureSuccessStatusCode();
            }

            // One ticket printed and recorded before the crash: it must never come out again.
            printedNumber = await FireAsync(client, "burger");
            await Poll.UntilAsync(() => Printed(client), n => n == 1, TimeSpan.FromSeconds(30), "the first ticket recorded as printed");

            // The printer takes the next ticket but holds its confirmation: the appliance dies waiting for it.
            kitchen.SetMode("slow", "600000");
            unknownNumber = await FireAsync(client, "fries");
            await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets.Count), n => n == 2, TimeSpan.FromSeconds(30), "the second ticket at the printer");
            await first.KillAsync();
        }

        kitchen.SetMode("online");
        await using var second = await ApplianceProcess.StartAsync(db, dataDir);
        using var after = second.NewClient();
        var tickets = await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets), t => t.Count >= 3, TimeSpan.FromSeconds(60), "the unconfirmed ticket again");
        await Poll.UntilAsync(() => Printed(after), n => n == 2, TimeSpan.FromSeconds(30), "the reprint recorded as printed");

        var lines = tickets.Select(t => t.Text.Split('\n', StringSplitOptions.TrimEntries)).ToList();
        Assert.Contains($"#{printedNumber} Table 12", lines[0]);
        Assert.Contains($"#{unknownNumber} Table 12", lines[1]);
        Assert.DoesNotContain("** REPRINT **", lines[1]);
        Assert.Contains($"#{unknownNumber} Table 12", lines[2]);
        Assert.Contains("** REPRINT **", lines[2]);
        // The same job, not a new one: its id is on both copies.
        Assert.Equal(lines[1].Single(l => l.StartsWith("Job ", StringComparison.Ordinal)), lines[2].Single(l => l.StartsWith("Job ", StringComparison.Ordinal)));

        // Nothing is left to print, so nothing else can come out; the journal shows why.
        var jobs = (await after.GetJsonAsync("/api/v1/printers/kitchen/jobs")).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("printed", j.GetProperty("status").GetString()));
        Assert.Equal([1, 2], jobs.Select(j => j.GetProperty("attempts").GetInt32()).Order());
        Assert.Equal(0, (await after.GetJsonAsync("/api/v1/printers/kitchen")).GetProperty("queueDepth").GetInt32());
        Assert.Equal(3, kitchen.Tickets.Count);
    }

    private static async Task<int> FireAsync(HttpClient client, string item)
    {
        var orderId = Guid.NewGuid();
        using var opened = await client.OpenAsync(orderId);
        var number = (await opened.JsonAsync()).GetProperty("number").GetInt32();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), item, 1)).EnsureSuccessStatusCode();
        using var fired = await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { });
        fired.EnsureSuccessStatusCode();
        return number;
    }

    private static async Task<int> Printed(HttpClient client) =>
        (await client.ReadJournalAsync()).Count(e => e.GetProperty("type").GetString() == "PrintJobPrinted");

}
