using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;
using Pos.Contracts.Sync;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// The figures the cloud keeps per store and date (store_day_figures, folded in each batch's transaction) survive a
/// SIGKILL of a silo in the middle of ingest from many stores: once it is started again and every store has
/// sent the rest, `rebuild-projections --check` (the real command, as a process) finds every row equal to the fold of
/// the raw journal, and HQ's daily and Z reports are the fold of each store's own journal, byte for byte.
/// </summary>
public sealed class KillSiloProjectionTests(ITestOutputHelper output)
{
    private const int Stores = 8;
    private const int BatchSize = 25;
    private static readonly DateOnly Day = new(2026, 11, 24);
    private static readonly DateOnly NextDay = Day.AddDays(1);
    private static readonly TimeSpan BatchDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SigkillOfASiloWhileStoresSendBatches_AfterItsRestartEveryFigureIsTheFoldOfTheJournal()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2eproj");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-proj-").FullName;
        var clusterId = $"e2e-{Guid.NewGuid():N}"[..16];
        await using var a = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "a"), clusterId);
        await using var b = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "b"), clusterId);
        var target = new Target([a, b]);
        var stores = new List<Sender>();
        using (var hq = a.NewClient())
        {
            for (var i = 0; i < Stores; i++)
            {
                stores.Add(await Sender.RegisterAsync(hq, $"proj-store-{i}", target, seed: i));
            }
        }
        var total = stores.Sum(s => s.Journal.Count);

        // Every store at once, batch by batch to one silo then the other; silo A is killed, then started again.
        var sending = stores.Select(s => Task.Run(s.SendAllAsync)).ToList();
        await Poll.UntilAsync(() => Task.FromResult(stores.Sum(s => s.AckedSeq)), n => n >= total / 4, TimeSpan.FromSeconds(60),
            "a quarter of the events to be acknowledged");
        await a.KillAsync();
        var ackedAtKill = stores.Sum(s => s.AckedSeq);
        target.Silos = [b];
        // Started once B has found A dead (a joining silo waits for every silo the table says is active).
        await using var restarted = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "a2"), clusterId);
        target.Silos = [restarted, b];
        await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(240));
        output.WriteLine($"{ackedAtKill} of {total} events acknowledged when silo A was killed; {stores.Sum(s => s.Failures)} failed attempts");
        Assert.True(ackedAtKill < total, "The stores had sent everything before the kill: nothing was tested.");

        var (code, text) = await RebuildCheckAsync(db, Path.Combine(dataDir, "check"));
        output.WriteLine(text);
        Assert.True(code == 0, $"rebuild-projections --check ended with {code}: {text}");
        Assert.Contains($"checked {Stores * 2}, matched {Stores * 2}, mismatched 0", text, StringComparison.Ordinal);

        using var client = restarted.NewClient();
        foreach (var store in stores)
        {
            Assert.Equal(store.Journal.Count, store.AckedSeq);
            foreach (var date in new[] { Day, NextDay })
            {
                var events = store.Journal.Where(e => e.BusinessDate == date).ToList();
                var daily = await EntryAsync(client, "daily", date, store.StoreId);
                Assert.Equal(Json(DailyReportBuilder.Build(date, events)), daily.GetProperty("report").GetRawText());
                Assert.Equal(events.Count, daily.GetProperty("eventsHeld").GetInt64());
                Assert.Equal(date == Day, daily.GetProperty("complete").GetBoolean());
                var z = await EntryAsync(client, "z", date, store.StoreId);
                Assert.Equal(Json(ZReportBuilder.Build(date, events)), z.GetProperty("report").GetRawText());
            }
        }
    }

    /// <summary>`dotnet Pos.Cloud.dll rebuild-projections --check` on the cloud's database: its exit code and output.</summary>
    private static async Task<(int Code, string Output)> RebuildCheckAsync(string db, string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CloudProcess.OutputDir(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(CloudProcess.OutputDir(), "Pos.Cloud.dll"), "rebuild-projections", "--check" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["POS_CLOUD_DB"] = db;
        start.Environment["POS_DATA"] = dataDir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<JsonElement> EntryAsync(HttpClient hq, string kind, DateOnly date, string storeId)
    {
        using var response = await hq.GetAsync($"/cloud/v1/reports/{kind}?businessDate={date:yyyy-MM-dd}&storeId={storeId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray()).Clone();
    }

    private static string Json<T>(T report)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EventJson.Configure(options);
        return JsonSerializer.Serialize(report, options);
    }

    /// <summary>The silos the stores send to now.</summary>
    private sealed class Target(CloudProcess[] silos)
    {
        public volatile CloudProcess[] Silos = silos;
    }

    /// <summary>
    /// A store with a journal of two days (orders paid by every tender, voids, discounts, comps, tips; the first day
    /// sealed, some orders of the second left open), sending it batch by batch, a failed batch again until a silo takes it.
    /// </summary>
    private sealed class Sender
    {
        private readonly Target _target;
        private readonly byte[] _secret;
        private long _acked;
        private int _next;

        private Sender(string storeId, byte[] secret, Target target, int seed)
        {
            StoreId = storeId;
            _secret = secret;
            _target = target;
            Journal = TwoDayJournal.Build(new Random(seed), Day, NextDay);
        }

        public string StoreId { get; }
        public IReadOnlyList<JournalEntry> Journal { get; }
        public long AckedSeq => Interlocked.Read(ref _acked);
        public int Failures { get; private set; }

        public static async Task<Sender> RegisterAsync(HttpClient hq, string storeId, Target target, int seed)
        {
            using var created = await hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = storeId, timeZone = "UTC" });
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, body);
            return new Sender(storeId, Convert.FromBase64String(JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!), target, seed);
        }

        public async Task SendAllAsync()
        {
            var next = 1L;
            while (next <= Journal.Count)
            {
                var from = next;
                var acked = await Poll.UntilAsync(() => SendOnceAsync(from), a => a is not null, BatchDeadline,
                    $"{StoreId}'s batch from seq {from} to be acknowledged");
                Interlocked.Exchange(ref _acked, acked!.Value);
                next = acked.Value + 1;
            }
        }

        /// <summary>The checkpoint the cloud answers (after the batch, or where a gap says to go on from), or null when the attempt failed.</summary>
        private async Task<long?> SendOnceAsync(long from)
        {
            var body = JournalBatch.Write(Journal.Skip((int)from - 1).Take(BatchSize), Journal.Count);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{StoreId}/journal") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(_secret, DateTimeOffset.UtcNow, body));
            try
            {
                var silos = _target.Silos;
                using var client = silos[_next++ % silos.Length].NewStoreClient();
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonDocument.Parse(text).RootElement.GetProperty("ackedSeq").GetInt64();
                }
                if (response.StatusCode == HttpStatusCode.Conflict && JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() == "journal-gap")
                {
                    return JsonDocument.Parse(text).RootElement.GetProperty("expectedSeq").GetInt64() - 1;
                }
                Assert.True((int)response.StatusCode >= 500, $"{StoreId}: the batch from {from} was refused: {(int)response.StatusCode} {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The silo is gone or not up yet: the next attempt goes to whichever silo is the target then.
            }
            Failures++;
            return null;
        }
    }
}
