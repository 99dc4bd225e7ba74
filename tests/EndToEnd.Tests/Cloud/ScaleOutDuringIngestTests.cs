using System.Diagnostics;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// The cloud grows and shrinks under ingest: three silos on one database take the journals of 30 stores through a
/// round-robin load balancer; a fourth joins, one is SIGKILLed and another stopped with SIGTERM while the stores keep
/// sending, and every event ends up held exactly once.
/// </summary>
[Collection(CloudClusterCollection.Name)]
public sealed class ScaleOutDuringIngestTests(ITestOutputHelper output)
{
    private const int Stores = 30;
    private const int EventsPerStore = 1200;
    private const int BatchSize = 20;

    /// <summary>Each store sends one batch per tick: about 20 s of ingest, long enough for the cluster to change under it.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task SiloAddedKilledAndStoppedDuringIngestFromThirtyStores_EveryEventIsHeldExactlyOnce()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2escale");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-scale-").FullName;
        var clusterId = $"scale-{Guid.NewGuid():N}"[..16];
        var started = await Task.WhenAll(new[] { "a", "b", "c" }.Select(name => CloudProcess.StartAsync(db, Path.Combine(dataDir, name), clusterId)));
        await using var a = started[0];
        await using var b = started[1];
        await using var c = started[2];
        CloudProcess? joined = null;
        try
        {
            foreach (var silo in started)
            {
                await AssertReadyAsync(silo);
            }
            var stores = new List<PacedStore>();
            using (var hq = a.NewClient())
            {
                for (var i = 0; i < Stores; i++)
                {
                    stores.Add(await PacedStore.RegisterAsync(hq, $"scale-store-{i:D2}", i, EventsPerStore));
                }
            }
            const long total = (long)Stores * EventsPerStore;
            long Acked() => stores.Sum(s => s.AckedSeq);
            async Task<long> WhenAckedAsync(double fraction, string what) =>
                await Poll.UntilAsync(() => Task.FromResult(Acked()), n => n >= total * fraction, TimeSpan.FromSeconds(60), what);

            var balancer = new LoadBalancer(started);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            var clock = Stopwatch.StartNew();
            // A silo takes from 5 to 30 s to start on a busy machine: past half their journals the stores wait for the
            // fourth to be in the pool, so it always joins while they are mid-journal.
            var fourthInPool = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = stores.Select(s => Task.Run(() => s.SendAllAsync(balancer, BatchSize, Tick, EventsPerStore / 2, fourthInPool.Task, stop.Token))).ToList();

            await WhenAckedAsync(0.05, "5 % of the events to be acknowledged by three silos");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: starting silo D, {Acked()} of {total} events acknowledged");
            joined = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "d"), clusterId);
            await AssertReadyAsync(joined);
            balancer.Add(joined);
            fourthInPool.SetResult();
            var ackedAtJoin = Acked();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo D joined, {ackedAtJoin} events acknowledged");

            await WhenAckedAsync(0.55, "55 % of the events to be acknowledged");
            await b.KillAsync();
            var ackedAtKill = Acked();
            // The load balancer's health check finds B gone and takes it out of the pool.
            await Poll.UntilAsync(() => ReadyStatusAsync(b), s => s != HttpStatusCode.OK, TimeSpan.FromSeconds(10), "killed silo B to answer not ready");
            balancer.Remove(b);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo B killed, {ackedAtKill} events acknowledged");

            await WhenAckedAsync(0.70, "70 % of the events to be acknowledged");
            var ackedAtStop = Acked();
            var stopping = c.StopAsync(TimeSpan.FromSeconds(30));
            await Poll.UntilAsync(() => ReadyStatusAsync(c), s => s != HttpStatusCode.OK, TimeSpan.FromSeconds(30), "stopping silo C to answer not ready");
            balancer.Remove(c);
            var exitCode = await stopping;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo C stopped (exit code {exitCode}), {ackedAtStop} events acknowledged when asked to");

            await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(120));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every store sent its journal; {stores.Sum(s => s.Failures)} attempts failed and were sent again");
            foreach (var store in stores.Where(s => s.Failures > 0).Take(5))
            {
                output.WriteLine($"{store.StoreId}: {store.Failures} failed attempts; last: {store.LastFailure}");
            }

            Assert.True(ackedAtJoin <= total / 2, $"Silo D joined only after {ackedAtJoin} of {total} events: not during the ingest.");
            Assert.True(ackedAtKill < total * 0.8, $"Silo B was killed only after {ackedAtKill} of {total} events.");
            Assert.True(ackedAtStop < total * 0.9, $"Silo C was stopped only after {ackedAtStop} of {total} events.");
            Assert.All(stores, s => Assert.Equal(EventsPerStore, s.AckedSeq));
            await AssertHeldExactlyOnceAsync(db, stores);
            // The silos still running answer ready for the load balancer.
            await AssertReadyAsync(a);
            await AssertReadyAsync(joined);
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
        finally
        {
            if (joined is not null)
            {
                await joined.DisposeAsync();
            }
        }
    }

    /// <summary>Every store: seqs 1..N once, each the event sent at it, event ids unique, checkpoint and head at N.</summary>
    private static async Task AssertHeldExactlyOnceAsync(string db, IReadOnlyList<PacedStore> stores)
    {
        await using var cloud = NpgsqlDataSource.Create(db);
        foreach (var store in stores)
        {
            await using var held = cloud.CreateCommand("""
                select count(*), count(distinct j.seq), coalesce(min(j.seq), 0), coalesce(max(j.seq), 0), count(distinct j.event_id),
                       count(*) filter (where sent.event_id = j.event_id and sent.seq = j.seq),
                       (select acked_seq from stores where store_id = $1), (select head_seq from stores where store_id = $1)
                from store_journal j
                left join unnest($2, $3) as sent(seq, event_id) on sent.seq = j.seq
                where j.store_id = $1
                """);
            held.Parameters.AddWithValue(store.StoreId);
            held.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.Seq).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            held.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await using var reader = await held.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            long n = EventsPerStore;
            Assert.Equal(
                (store.StoreId, n, n, 1L, n, n, n, n, n),
                (store.StoreId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                    reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }
        await using var all = cloud.CreateCommand("select count(*), count(distinct event_id) from store_journal");
        await using var totals = await all.ExecuteReaderAsync();
        Assert.True(await totals.ReadAsync());
        Assert.Equal(((long)Stores * EventsPerStore, (long)Stores * EventsPerStore), (totals.GetInt64(0), totals.GetInt64(1)));
    }

    private static async Task AssertReadyAsync(CloudProcess silo) =>
        await Poll.UntilAsync(() => ReadyStatusAsync(silo), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30),
            $"the silo at {silo.BaseAddress} to answer ready (PostgreSQL reachable, an active member of its cluster)");

    private static async Task<HttpStatusCode> ReadyStatusAsync(CloudProcess silo)
    {
        using var client = silo.NewStoreClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }
}
