using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Cloud;

[Collection(CloudClusterCollection.Name)]
public sealed class KillSiloDuringIngestTests(ITestOutputHelper output)
{
    private const int Stores = 4;
    private const int EventsPerStore = 2000;
    private const int BatchSize = 50;

    /// <summary>How long one batch may go unacknowledged, retries and the cluster's failover included.</summary>
    private static readonly TimeSpan BatchDeadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a store may wait between two acknowledgements: the survivor must declare the dead silo dead and
    /// activate its store grains itself. About 3 s with the 1 s probes CloudProcess asks for (POS_CLOUD_PROBE_SECONDS),
    /// over 12 s with Orleans' defaults.
    /// </summary>
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task SigkillOfOneSiloDuringIngestFromFourStores_EveryEventLandsExactlyOnceThroughTheOther()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2ecloud");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-cloud-").FullName;
        var clusterId = $"e2e-{Guid.NewGuid():N}"[..16];
        await using var a = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "a"), clusterId);
        await using var b = await CloudProcess.StartAsync(db, Path.Combine(dataDir, "b"), clusterId);
        var silos = new[] { a, b };
        var stores = new List<StoreSender>();
        using (var hq = a.NewClient())
        {
            for (var i = 0; i < Stores; i++)
            {
                stores.Add(await StoreSender.RegisterAsync(hq, $"e2e-store-{i}", firstSilo: i % 2, silos, output));
            }
        }

        // Every store at once, each alternating between the silos batch by batch.
        var sending = stores.Select(s => Task.Run(s.SendAllAsync)).ToList();
        await Poll.UntilAsync(() => Task.FromResult(stores.Sum(s => s.AckedSeq)), n => n >= Stores * EventsPerStore / 4,
            TimeSpan.FromSeconds(60), "a quarter of the events to be acknowledged");
        await a.KillAsync();
        var ackedAtKill = stores.Sum(s => s.AckedSeq);
        var killedAt = Stopwatch.GetTimestamp();
        await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"{ackedAtKill} of {Stores * EventsPerStore} events acknowledged when silo A was killed; "
            + $"the rest took {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:F1} s through silo B");
        foreach (var store in stores)
        {
            output.WriteLine($"{store.StoreId}: {store.Failures} failed attempts, {store.RetriedBatches} batches sent more than once, "
                + $"longest wait between acknowledgements {store.LongestStall.TotalSeconds:F1} s");
        }

        Assert.True(ackedAtKill < Stores * EventsPerStore, "The stores had sent everything before the kill: nothing was tested.");
        Assert.True(stores.Sum(s => s.Failures) > 0, "No request failed after the kill: silo A was not in use.");
        Assert.False(b.HasExited);
        Assert.All(stores, s => Assert.True(s.LongestStall < FailoverLimit,
            $"{s.StoreId} waited {s.LongestStall.TotalSeconds:F1} s for an acknowledgement: the cluster took too long to give up on silo A."));
        await using var cloud = NpgsqlDataSource.Create(db);
        foreach (var store in stores)
        {
            Assert.Equal(EventsPerStore, store.AckedSeq);
            await AssertHeldExactlyOnceAsync(cloud, store);
        }
    }

    /// <summary>Seqs 1..N each once, with the eventId and data the store sent, and the checkpoint at N.</summary>
    private static async Task AssertHeldExactlyOnceAsync(NpgsqlDataSource cloud, StoreSender store)
    {
        await using (var checkpoint = cloud.CreateCommand("select acked_seq from stores where store_id = $1"))
        {
            checkpoint.Parameters.AddWithValue(store.StoreId);
            Assert.Equal((long)EventsPerStore, await checkpoint.ExecuteScalarAsync());
        }

        var seqs = new List<long>();
        await using (var held = cloud.CreateCommand("select seq from store_journal where store_id = $1 order by seq"))
        {
            held.Parameters.AddWithValue(store.StoreId);
            await using var reader = await held.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seqs.Add(reader.GetInt64(0));
            }
        }
        Assert.Equal(Enumerable.Range(1, EventsPerStore).Select(i => (long)i), seqs);

        // Each stored event is the one sent at its seq: same eventId, same stream, same data (as JSON values).
        await using var same = cloud.CreateCommand("""
            select count(*)
            from unnest($2, $3, $4, $5) as sent(seq, event_id, stream_id, data)
            join store_journal j on j.store_id = $1 and j.seq = sent.seq
            where j.event_id = sent.event_id and j.stream_id = sent.stream_id and j.data = sent.data::jsonb
            """);
        same.Parameters.AddWithValue(store.StoreId);
        same.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.Seq).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        same.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        same.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        same.Parameters.Add(new NpgsqlParameter { Value = store.Events.Select(e => e.Data).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        Assert.Equal((long)EventsPerStore, await same.ExecuteScalarAsync());
    }

    private sealed record SentEvent(long Seq, Guid EventId, string StreamId, int StreamVersion, string Type, DateTimeOffset OccurredAt, string Data);

    /// <summary>
    /// A store's sync, simplified: one signed batch at a time, the next batch to the other silo; a batch that fails
    /// (refused connection, reset, timeout, 5xx) goes to the other silo next, polled with a deadline; a gap resends
    /// from where the cloud says; an acknowledgement past the batch's start (a retry of a stored batch) moves on.
    /// </summary>
    private sealed class StoreSender
    {
        private readonly CloudProcess[] _silos;
        private readonly HttpClient[] _clients;
        private readonly byte[] _secret;
        private readonly ITestOutputHelper _output;
        private int _silo;
        private int _attempts;
        private long _acked;
        private long _lastAckAt;

        private StoreSender(string storeId, byte[] secret, int firstSilo, CloudProcess[] silos, ITestOutputHelper output)
        {
            StoreId = storeId;
            _secret = secret;
            _silo = firstSilo;
            _silos = silos;
            _clients = [.. silos.Select(s => s.NewStoreClient())];
            _output = output;
            var start = new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
            Events = [.. Enumerable.Range(1, EventsPerStore).Select(i =>
            {
                var order = Guid.CreateVersion7();
                var at = start.AddSeconds(i * 7);
                return new SentEvent(i, Guid.CreateVersion7(), $"order-{order}", 1, "LineAdded", at, JsonSerializer.Serialize(new
                {
                    n = i,
                    orderId = order,
                    lineId = Guid.NewGuid(),
                    itemId = "burger",
                    name = "Burger",
                    quantity = 1 + (i % 3),
                    unitPriceMinor = 1250,
                    note = i % 5 == 0 ? "no onion" : "",
                }));
            })];
        }

        public string StoreId { get; }
        public IReadOnlyList<SentEvent> Events { get; }
        public long AckedSeq => Interlocked.Read(ref _acked);
        public int Failures { get; private set; }
        public int RetriedBatches { get; private set; }
        public TimeSpan LongestStall { get; private set; }

        public static async Task<StoreSender> RegisterAsync(HttpClient hq, string storeId, int firstSilo, CloudProcess[] silos, ITestOutputHelper output)
        {
            using var created = await hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = storeId, timeZone = "America/Chicago" });
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, body);
            var secret = JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
            return new StoreSender(storeId, Convert.FromBase64String(secret), firstSilo, silos, output);
        }

        public async Task SendAllAsync()
        {
            _lastAckAt = Stopwatch.GetTimestamp();
            var next = 1L;
            while (next <= EventsPerStore)
            {
                var from = next;
                var answer = await Poll.UntilAsync(() => SendOnceAsync(from), a => a.AckedSeq is not null || a.ExpectedSeq is not null,
                    BatchDeadline, $"{StoreId}'s batch from seq {from} to be acknowledged by a silo");
                if (answer.ExpectedSeq is { } expected)
                {
                    _output.WriteLine($"{StoreId}: journal-gap at {from}, resending from {expected}");
                    next = expected;
                    continue;
                }
                var acked = answer.AckedSeq!.Value;
                Assert.True(acked >= Math.Min(from + BatchSize - 1, EventsPerStore), $"{StoreId}: batch from {from} acknowledged only up to {acked}");
                if (answer.Attempts > 1)
                {
                    RetriedBatches++;
                }
                var now = Stopwatch.GetTimestamp();
                var stall = Stopwatch.GetElapsedTime(_lastAckAt, now);
                _lastAckAt = now;
                LongestStall = stall > LongestStall ? stall : LongestStall;
                Interlocked.Exchange(ref _acked, acked);
                next = acked + 1;
                _silo = 1 - _silo;
            }
        }

        /// <summary>One attempt; a failed one moves this store to the other silo for the next.</summary>
        private async Task<Answer> SendOnceAsync(long from)
        {
            var silo = _silo;
            var attempts = ++_attempts;
            var batch = Events.Skip((int)from - 1).Take(BatchSize).ToList();
            var body = Body(batch);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{StoreId}/journal") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Pos-Signature", Sign(body));
            try
            {
                using var response = await _clients[silo].SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _attempts = 0;
                    return new Answer(JsonDocument.Parse(text).RootElement.GetProperty("ackedSeq").GetInt64(), null, attempts);
                }
                if ((int)response.StatusCode < 500)
                {
                    using var problem = JsonDocument.Parse(text);
                    // A gap is the cloud saying where to go on from; anything else it refuses is a failure of the test.
                    Assert.True(response.StatusCode == HttpStatusCode.Conflict && problem.RootElement.GetProperty("code").GetString() == "journal-gap",
                        $"{StoreId}: silo {silo} refused the batch from {from}: {(int)response.StatusCode} {text}");
                    _attempts = 0;
                    return new Answer(null, problem.RootElement.GetProperty("expectedSeq").GetInt64(), attempts);
                }
                return Failed(silo, $"{(int)response.StatusCode} {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return Failed(silo, $"{e.GetType().Name}: {e.Message}");
            }
        }

        private Answer Failed(int silo, string why)
        {
            Failures++;
            if (Failures <= 3)
            {
                _output.WriteLine($"{StoreId}: silo {(silo == 0 ? "A" : "B")} failed ({why}); trying the other");
            }
            _silo = 1 - silo;
            return new Answer(null, null, _attempts);
        }

        private string Sign(byte[] body)
        {
            var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            byte[] message = [.. Encoding.ASCII.GetBytes(t + "."), .. body];
            var mac = HMACSHA256.HashData(_secret, message);
            return $"t={t},v1={Convert.ToHexStringLower(mac)}";
        }

        private static byte[] Body(IEnumerable<SentEvent> events) => JsonSerializer.SerializeToUtf8Bytes(new
        {
            events = events.Select(e => new
            {
                seq = e.Seq,
                eventId = e.EventId,
                streamId = e.StreamId,
                streamVersion = e.StreamVersion,
                type = e.Type,
                occurredAt = e.OccurredAt,
                deviceId = "pos-1",
                businessDate = "2026-11-24",
                data = JsonDocument.Parse(e.Data).RootElement,
            }),
        });

        private sealed record Answer(long? AckedSeq, long? ExpectedSeq, int Attempts);
    }
}
