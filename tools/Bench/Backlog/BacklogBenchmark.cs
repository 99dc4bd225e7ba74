using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Pos.Tools;

namespace Pos.Bench.Backlog;

/// <summary>
/// Catch-up after an outage, end to end: an appliance linked to a cloud that is down takes orders until its
/// journal holds the backlog, then the cloud comes up and the clock runs until the appliance says the cloud has
/// everything. Both are real processes on the same PostgreSQL server, each with its own database.
/// </summary>
internal static class BacklogBenchmark
{
    private const string StoreId = "bench-backlog";

    // Fresh for each run, and as long as the servers require (32 characters at least).
    private static readonly string HqToken = NewToken();
    private static readonly string AdminToken = NewToken();

    public static async Task<int> RunAsync(BacklogOptions o, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(o.WorkDir);
        var storeDb = await CreateDatabaseAsync(o.Pg, "bench_backlog_store", cancellationToken);
        var cloudDb = await CreateDatabaseAsync(o.Pg, "bench_backlog_cloud", cancellationToken);
        var cloudUrl = new Uri($"http://127.0.0.1:{o.CloudPort}/");
        var applianceUrl = new Uri($"http://127.0.0.1:{o.AppliancePort}/");

        // Register the store while the cloud is up, then take the cloud away.
        string secret;
        await using (var cloud = await ServerProcess.StartAsync(o.CloudDll, CloudEnv(o, cloudDb), o.WorkDir, "cloud", new Uri(cloudUrl, "health/live"), graceful: true, cancellationToken))
        {
            using var hq = Client(cloudUrl, HqToken);
            using var put = await hq.PutAsJsonAsync($"cloud/v1/stores/{StoreId}", new { name = "Backlog bench", timeZone = "UTC" }, cancellationToken);
            put.EnsureSuccessStatusCode();
            secret = (await put.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("secret").GetString()!;
        }

        await using var appliance = await ServerProcess.StartAsync(o.ApplianceDll, new Dictionary<string, string>
        {
            ["POS_DB"] = storeDb,
            ["POS_DATA"] = Path.Combine(o.WorkDir, "appliance"),
            ["POS_URLS"] = applianceUrl.ToString().TrimEnd('/'),
            ["POS_ADMIN_TOKEN"] = AdminToken,
            ["POS_SILO_PORT"] = "11183",
            ["POS_GATEWAY_PORT"] = "30083",
            ["POS_CLOUD_URL"] = cloudUrl.ToString().TrimEnd('/'),
            ["POS_STORE_ID"] = StoreId,
            ["POS_STORE_SECRET"] = secret,
            // An operator's store waits up to a minute between attempts; the bench measures the drain, not the wait.
            ["POS_SYNC_MAX_BACKOFF"] = "1",
        }, o.WorkDir, "appliance", new Uri(applianceUrl, "health/ready"), graceful: true, cancellationToken);
        using var admin = Client(applianceUrl, AdminToken);

        Console.WriteLine($"taking orders while the cloud is down, until the journal holds {o.Events:N0} events ({o.Clients} clients)");
        var generating = Stopwatch.StartNew();
        await BacklogLoad.FillAsync(applianceUrl, AdminToken, o.Events, o.Clients, cancellationToken);
        var before = await StatusAsync(admin, cancellationToken);
        var head = before.GetProperty("journalHeadSeq").GetInt64();
        Console.WriteLine($"  {head:N0} events in {generating.Elapsed.TotalSeconds:F1} s; the cloud has {before.GetProperty("ackedSeq").GetInt64()} of them");

        // The cloud comes back: from the moment it answers until the appliance says it has everything.
        await using var back = await ServerProcess.StartAsync(o.CloudDll, CloudEnv(o, cloudDb), o.WorkDir, "cloud", new Uri(cloudUrl, "health/live"), graceful: true, cancellationToken);
        var drain = Stopwatch.StartNew();
        TimeSpan? firstAck = null;
        JsonElement status;
        while (true)
        {
            status = await StatusAsync(admin, cancellationToken);
            var acked = status.GetProperty("ackedSeq").GetInt64();
            firstAck ??= acked > 0 ? drain.Elapsed : null;
            if (acked >= head)
            {
                break;
            }
            if (drain.Elapsed > TimeSpan.FromMinutes(5))
            {
                Console.Error.WriteLine($"the backlog did not drain in 5 minutes: {status}");
                return 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
        var elapsed = drain.Elapsed;

        // The cloud's copy is checked, not assumed: every seq once.
        await using var conn = new NpgsqlConnection(cloudDb);
        await conn.OpenAsync(cancellationToken);
        await using var check = new NpgsqlCommand(
            "select count(*), count(distinct seq), coalesce(max(seq), 0) from store_journal where store_id = $1 and seq <= $2", conn);
        check.Parameters.AddWithValue(StoreId);
        check.Parameters.AddWithValue(head);
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (rows, distinct, max) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (rows != head || distinct != head || max != head)
        {
            Console.Error.WriteLine($"the cloud holds {rows} rows ({distinct} distinct seqs, max {max}) for a backlog of {head}");
            return 3;
        }

        var perSecond = head / elapsed.TotalSeconds;
        var meets = elapsed < TimeSpan.FromSeconds(15);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| backlog | drained in | events/s | first acknowledgement after | target (< 15 s) |")
            .AppendLine("|---:|---:|---:|---:|---|")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| {head:N0} events | {elapsed.TotalSeconds:F1} s | {perSecond:N0} | {firstAck?.TotalSeconds ?? 0:F2} s | {(meets ? "met" : "missed")} |")
            .ToString();
        Console.WriteLine();
        Console.WriteLine("Catch-up of a backlog, appliance to cloud (from the cloud answering to the appliance's checkpoint at its head)");
        Console.WriteLine(report);
        if (o.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken);
        }
        return 0;
    }

    private static Dictionary<string, string> CloudEnv(BacklogOptions o, string cloudDb) => new()
    {
        ["POS_CLOUD_DB"] = cloudDb,
        ["POS_DATA"] = Path.Combine(o.WorkDir, "cloud"),
        ["POS_CLOUD_URLS"] = $"http://127.0.0.1:{o.CloudPort}",
        ["POS_CLOUD_ADMIN_TOKEN"] = HqToken,
        ["POS_CLOUD_SILO_PORT"] = "11191",
        ["POS_CLOUD_GATEWAY_PORT"] = "30191",
        ["POS_CLOUD_CLUSTER_ID"] = "bench-backlog",
    };

    private static async Task<JsonElement> StatusAsync(HttpClient admin, CancellationToken cancellationToken) =>
        await admin.GetFromJsonAsync<JsonElement>("api/v1/sync/status", cancellationToken);

    private static HttpClient Client(Uri url, string token)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
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
}
