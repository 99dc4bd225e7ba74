using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Pos.EndToEnd.Tests.Sync;
using Pos.Tests.Shared;
using Pos.Tools;
using Pos.VirtualPrinter;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Outages;

/// <summary>
/// PostgreSQL crashes under load (<c>pg_ctl -m immediate stop</c> of a cluster this test owns) and comes back, with
/// the appliance in this process linked to a real cloud process and printing to a virtual printer.
/// </summary>
public sealed class DatabaseCrashUnderLoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(10);
    private const string StoreId = "db-outage";

    [Fact]
    public async Task A_database_crash_under_load_answers_2xx_or_503_journal_unavailable_only_and_everything_resumes_within_ten_seconds_of_its_return()
    {
        await using var db = await OwnPostgres.StartAsync();
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var settings = await rig.LinkAsync(StoreId);
        // The cloud's own backoff at its default: a database failure wrongly taken for the cloud's would wait up to a minute.
        settings["POS_SYNC_MAX_BACKOFF"] = "60";
        // Its device sends as fast as the store answers (503s come back at once): no write limit per device.
        settings["POS_WRITE_RATE"] = "0";
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        await using var appliance = new ApplianceFactory(db.ConnectionString, settings: settings);
        appliance.StartServer();
        using var admin = appliance.NewClient();
        await Poll.UntilAsync(() => admin.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
        await admin.PutMenuAsync();
        using (var put = await admin.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
        {
            put.EnsureSuccessStatusCode();
        }
        // A manager's till: it takes orders and reads the journal (journal.read is a manager's).
        using var device = appliance.NewClient(await admin.RegisterDeviceAsync("till-1", "manager"));

        // A kitchen ticket waits in the queue: the printer is out of paper.
        kitchen.SetMode("paper-out");
        await FireBurgerAsync(admin);
        await Poll.UntilAsync(() => PrinterAsync(admin), p => p.GetProperty("status").GetString() == "paper-out", TimeSpan.FromSeconds(30), "the kitchen printer to report paper out");

        // The cloud is reachable and has everything: online is true from here on, whatever the database does.
        await SyncRig.DrainedAsync(admin, TimeSpan.FromSeconds(30));

        var load = new OutageLoad();
        using var stop = new CancellationTokenSource();
        var clients = new[] { (appliance.NewClient(), false), (appliance.NewClient(), false), (appliance.NewClient(), false), (device, true) }
            .Select(c => Task.Run(() => load.RunAsync(c.Item1, c.Item2, stop.Token))).ToList();
        await Poll.UntilAsync(() => Task.FromResult(load.Acks.Count), n => n >= 30, TimeSpan.FromSeconds(60), "30 commands acknowledged before the crash");

        await db.CrashAsync();
        var crashedAt = Environment.TickCount64;
        // Paper is back while the database is down: the printer's own backoff (on the store clock) ends, the printer
        // answers, and recording the ticket as sending fails.
        kitchen.SetMode("online");
        appliance.Time.Advance(TimeSpan.FromMinutes(1));
        await Poll.UntilAsync(() => Task.FromResult(load.Answers.Count(a => a.At > crashedAt && a.Status == HttpStatusCode.ServiceUnavailable)),
            n => n >= 30, TimeSpan.FromSeconds(60), "30 answers 503 while the database is down");
        await Poll.UntilAsync(() => PrinterAsync(admin), p => p.GetProperty("lastError").GetString()?.Contains("cannot record print progress", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), "the printer to wait for the journal");
        using (var ready = await admin.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("unreachable: ", (await ready.JsonAsync()).GetProperty("checks").GetProperty("postgres").GetString());
        }
        Assert.Empty(kitchen.Tickets);

        await db.StartAgainAsync();
        var back = Stopwatch.StartNew();
        // Within ten seconds of its return, without restarting anything: a command succeeds, the waiting ticket
        // prints, and an event written after the return reaches the cloud.
        var probe = Guid.NewGuid();
        await Poll.UntilAsync(async () =>
        {
            using var opened = await admin.PostAsJsonAsync("/api/v1/orders", new { orderId = probe, channel = "takeout" });
            return opened.StatusCode;
        }, s => s == HttpStatusCode.Created, Left(back), "a command to succeed after the database's return");
        output.WriteLine($"a command succeeded {back.Elapsed.TotalSeconds:0.0} s after the database's return");
        await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets.Count), n => n >= 1, Left(back), "the waiting kitchen ticket to print");
        output.WriteLine($"the ticket printed {back.Elapsed.TotalSeconds:0.0} s after");
        await Poll.UntilAsync(() => rig.CloudJournalAsync(StoreId), events => events.Any(e => e.Data?["orderId"]?.GetValue<Guid>() == probe),
            Left(back), "the order opened after the return to reach the cloud");
        output.WriteLine($"the cloud had the order opened after the return {back.Elapsed.TotalSeconds:0.0} s after");
        var status = await SyncRig.SyncStatusAsync(admin);
        Assert.True(status.GetProperty("online").GetBoolean(), $"the cloud was reachable throughout: {status}");

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var answers = load.Answers.ToList();
        output.WriteLine(string.Join("\n", answers.GroupBy(a => (a.Call, a.Status)).Select(g => $"{g.Key.Call} {(int)g.Key.Status}: {g.Count()}")));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        // No 500, no undeclared answer: 2xx, or 503 journal-unavailable with Retry-After.
        Assert.All(answers, a => Assert.True(
            (int)a.Status is >= 200 and < 300 || (a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "journal-unavailable" && a.HasRetryAfter),
            $"{a.Call} answered {(int)a.Status} {a.Code} (Retry-After: {a.HasRetryAfter})"));
        // Reads that need no database kept answering, for the admin and the device alike (a device token is recognised
        // from memory); the sync status never blamed the cloud for the database.
        Assert.All(answers.Where(a => a.Call == "menu"), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains(answers, a => a.ByDevice && a.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(answers.Where(a => a.Call == "sync-status" && a.Online is not null), a => Assert.True(a.Online, "online false with the cloud reachable"));

        // Nothing acknowledged is lost, nothing is there twice.
        var journal = await admin.ReadJournalAsync();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.GetProperty("seq").GetInt64()));
        var opened = journal.Where(e => e.GetProperty("type").GetString() == "OrderOpened").Select(e => e.GetProperty("data").GetProperty("orderId").GetGuid()).ToList();
        var lines = journal.Where(e => e.GetProperty("type").GetString() == "LineAdded").Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).ToList();
        Assert.Equal(opened.Count, opened.Distinct().Count());
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.All(load.Acks, ack => Assert.Contains(ack.LineId ?? ack.OrderId, ack.LineId is null ? opened : lines));

        // The ticket printed once, and the cloud ends up with exactly the journal.
        Assert.Single(kitchen.Tickets);
        await SyncRig.DrainedAsync(admin, TimeSpan.FromSeconds(30));
        await rig.AssertCloudEqualsJournalAsync(StoreId, admin);
    }

    private static TimeSpan Left(Stopwatch since) => Resume - since.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    private static async Task FireBurgerAsync(HttpClient client)
    {
        var orderId = Guid.NewGuid();
        (await client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
    }

    private static Task<System.Text.Json.JsonElement> PrinterAsync(HttpClient client) => client.GetJsonAsync("/api/v1/printers/kitchen");
}
