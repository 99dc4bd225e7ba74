using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pos.Bench.Orders;
using Pos.Bench.Printing;
using Pos.Tools;
using Pos.VirtualPrinter;

namespace Pos.Bench.Soak;

/// <summary>
/// The soak, end to end: a cloud silo and an appliance linked to it (real processes, each with its own database on
/// the given PostgreSQL), two virtual printers in this process, pgbench at the same rate on the same server before
/// and after, and between them the devices' steady load (<see cref="SoakRun"/>).
/// </summary>
internal static class SoakBenchmark
{
    public const int CorrectnessFailure = 3;
    private const string StoreId = "bench-soak";
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(SoakOptions o, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        Directory.CreateDirectory(o.WorkDir);
        var hqToken = NewToken();
        var adminToken = NewToken();
        var storeDb = await CreateDatabaseAsync(o.Pg, "bench_soak_store", cancellationToken);
        var cloudDb = await CreateDatabaseAsync(o.Pg, "bench_soak_cloud", cancellationToken);
        var pgBenchDb = await CreateDatabaseAsync(o.Pg, "bench_soak_pgbench", cancellationToken);
        var pg = new NpgsqlConnectionStringBuilder(pgBenchDb);
        var connInfo = $"host={pg.Host} port={pg.Port} user={pg.Username} dbname={pg.Database}";
        var psql = Psql.BesidePgBench(o.PgBenchPath, connInfo);
        var (postgres, pgError) = await PostgresInfo.ReadAsync(psql, cancellationToken);
        if (postgres is null)
        {
            return Fail($"{pgError}. Check --pg and --pgbench.");
        }

        var cloudUrl = new Uri($"http://127.0.0.1:{o.CloudPort}/");
        var url = new Uri($"http://127.0.0.1:{o.AppliancePort}/");
        await using var cloud = await ServerProcess.StartAsync(o.CloudDll, new Dictionary<string, string>
        {
            ["POS_CLOUD_DB"] = cloudDb,
            ["POS_DATA"] = Path.Combine(o.WorkDir, "cloud"),
            ["POS_CLOUD_URLS"] = cloudUrl.ToString().TrimEnd('/'),
            ["POS_CLOUD_ADMIN_TOKEN"] = hqToken,
            ["POS_CLOUD_SILO_PORT"] = "11193",
            ["POS_CLOUD_GATEWAY_PORT"] = "30193",
            ["POS_CLOUD_CLUSTER_ID"] = "bench-soak",
        }, o.WorkDir, "cloud", new Uri(cloudUrl, "health/live"), graceful: true, cancellationToken);
        string secret;
        using (var hq = OrderLoad.CreateClient(cloudUrl, hqToken))
        {
            using var put = await hq.PutAsJsonAsync($"cloud/v1/stores/{StoreId}", new { name = "Soak bench", timeZone = "UTC" }, cancellationToken);
            put.EnsureSuccessStatusCode();
            secret = (await put.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("secret").GetString()!;
        }

        await using var appliance = await ServerProcess.StartAsync(o.ApplianceDll, new Dictionary<string, string>
        {
            ["POS_DB"] = storeDb,
            ["POS_DATA"] = Path.Combine(o.WorkDir, "appliance"),
            ["POS_URLS"] = url.ToString().TrimEnd('/'),
            ["POS_ADMIN_TOKEN"] = adminToken,
            ["POS_SILO_PORT"] = "11184",
            ["POS_GATEWAY_PORT"] = "30084",
            ["POS_CLOUD_URL"] = cloudUrl.ToString().TrimEnd('/'),
            ["POS_STORE_ID"] = StoreId,
            ["POS_STORE_SECRET"] = secret,
        }, o.WorkDir, "appliance", new Uri(url, "health/ready"), graceful: true, cancellationToken);
        Console.WriteLine($"appliance pid {appliance.Pid} on {url} (log {appliance.LogPath}), cloud silo on {cloudUrl}, PostgreSQL {postgres.Version}");

        await using var kitchen = VirtualPrinterHost.Start(ApplianceFire.KitchenPrinterId);
        await using var bar = VirtualPrinterHost.Start(ApplianceFire.BarPrinterId);
        var tickets = new SoakTickets(new TicketTracker());
        tickets.Tracker.Watch(kitchen, Station.Kitchen);
        tickets.Tracker.Watch(bar, Station.Bar);
        using var admin = OrderLoad.CreateClient(url, adminToken);
        if (await ApplianceFire.SetUpAsync(admin, kitchen.Port, bar.Port, cancellationToken) is { } setUpError)
        {
            return Fail(setUpError);
        }

        Console.WriteLine($"pgbench before: {o.Devices} clients at {o.Rate} tx/s for {o.PgBenchSeconds} s ...");
        var before = await PgBenchRun.RunAsync(o.PgBenchPath, psql, connInfo, o.Devices, o.PgBenchSeconds, o.Rate, cancellationToken);
        if (before.Error is not null)
        {
            return Fail(before.Error);
        }

        await using var counters = RuntimeCounters.TryStart(appliance.Pid, intervalSeconds: 2);
        Console.WriteLine($"soak: {o.Devices} devices, {o.Rate} commands/s, {o.WarmupSeconds} s warm-up, then {o.Minutes} min measured"
            + (counters is null ? $" (GC heap not measured: {RuntimeCounters.StartError})" : ""));
        var cpuBefore = ProcessCpu.SecondsUsed(appliance.Pid);
        var load = await SoakRun.RunAsync(o, url, adminToken, appliance.Pid, tickets, counters, cancellationToken);
        var cpuAfter = ProcessCpu.SecondsUsed(appliance.Pid);

        Console.WriteLine("settling: printers' queues and the cloud's copy ...");
        var printers = await ApplianceFire.SettleAsync(admin, SettleLimit, cancellationToken);
        var sync = await WaitForSyncAsync(admin, cancellationToken);
        var afterSettle = ResidentMemory.Read(appliance.Pid);
        var afterSettleHeap = counters?.Latest();

        Console.WriteLine($"pgbench after: {o.Devices} clients at {o.Rate} tx/s for {o.PgBenchSeconds} s ...");
        var after = await PgBenchRun.RunAsync(o.PgBenchPath, psql, connInfo, o.Devices, o.PgBenchSeconds, o.Rate, cancellationToken);

        var run = new SoakResult(
            o, startedAt, postgres, load, before, after, printers, SoakResult.TicketsOf(tickets), sync,
            afterSettle, afterSettleHeap, cpuBefore is { } a && cpuAfter is { } b ? b - a : null);
        SoakReport.Print(run);
        if (o.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, SoakReport.Markdown(run), cancellationToken);
            Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
        }

        return run.Correct ? 0 : CorrectnessFailure;
    }

    /// <summary>Polls the sync status until the cloud has acknowledged the journal's head (2 minutes at most).</summary>
    private static async Task<SyncOutcome> WaitForSyncAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            var status = await SoakRun.SyncAsync(admin, cancellationToken);
            if (status is { } s && s.Acked >= s.Head)
            {
                return new SyncOutcome(s.Head, s.Acked, waited.Elapsed);
            }

            if (waited.Elapsed > SettleLimit)
            {
                return new SyncOutcome(status?.Head ?? -1, status?.Acked ?? -1, waited.Elapsed);
            }

            await poll.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static async Task<string> CreateDatabaseAsync(string admin, string name, CancellationToken cancellationToken)
    {
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync(cancellationToken);
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", conn);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"create database {name}", conn);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
