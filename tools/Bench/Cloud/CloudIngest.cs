using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pos.Bench.Cloud;

/// <summary>What one round of sending did: events acknowledged (in all and through each silo) and how long it took.</summary>
internal sealed record IngestResult(
    TimeSpan Elapsed, long Events, long Bytes, long Batches, IReadOnlyList<long> EventsPerSilo, LatencyStats BatchLatency,
    long Retries, IReadOnlyList<string> Problems)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The stores' side of the cloud: registration through the HQ API, then every store sending its journal at once,
/// each one signed batch at a time, as an appliance's sync job does.
/// </summary>
internal static class CloudIngest
{
    private const int MaxAttemptsPerBatch = 5;

    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>PUTs every store and keeps the secret the cloud shows once; null when all went well.</summary>
    public static async Task<string?> RegisterAsync(HttpClient http, Uri silo, string token, IReadOnlyList<SimulatedStore> stores, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(stores, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (store, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(silo, $"cloud/v1/stores/{store.StoreId}"))
            {
                Content = JsonContent.Create(new { name = $"Bench store {store.StoreId}", timeZone = "America/Chicago" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    errors.Enqueue($"PUT /cloud/v1/stores/{store.StoreId} answered {(int)response.StatusCode}: {body}");
                    return;
                }

                using var answer = JsonDocument.Parse(body);
                store.Secret = Convert.FromBase64String(answer.RootElement.GetProperty("secret").GetString() ?? "");
            }
            catch (HttpRequestException e)
            {
                errors.Enqueue($"cannot reach the cloud at {silo}: {e.Message}");
            }
        });
        return errors.TryPeek(out var first) ? $"{errors.Count} store(s) not registered; first: {first}" : null;
    }

    /// <summary>
    /// Store <paramref name="index"/>'s own client, connecting from its own loopback address (127.0.1.1 for the
    /// first): the cloud takes at most two batch bodies at once from one address, as from one restaurant.
    /// </summary>
    public static HttpClient StoreClient(int index, Uri silo) =>
        Pos.Tools.LoopbackAddress.NewClient($"127.0.{1 + index / 250}.{1 + index % 250}", silo, configure: h => h.PooledConnectionLifetime = Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Every store sends its events from seq <paramref name="fromSeq"/> through <paramref name="toSeq"/> at the same
    /// time, store i through silo i mod silos, each from its own address. Bodies are made before the clock starts;
    /// each is signed when sent.
    /// </summary>
    public static async Task<IngestResult> SendAsync(
        IReadOnlyList<Uri> silos, IReadOnlyList<SimulatedStore> stores, long fromSeq, long toSeq, int batch,
        CancellationToken cancellationToken)
    {
        var plans = stores.Select((store, i) => new StorePlan(store, i % silos.Count, Bodies(store, fromSeq, toSeq, batch), StoreClient(i, silos[i % silos.Count]))).ToList();
        var perSilo = new long[silos.Count];
        var latencies = new ConcurrentQueue<long>();
        var problems = new ConcurrentQueue<string>();
        long bytes = 0, batches = 0, retries = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task SendStoreAsync(StorePlan plan)
        {
            await go.Task;
            var next = fromSeq;
            var attempts = 0;
            while (next <= toSeq && !cancellationToken.IsCancellationRequested)
            {
                // The planned batch when the cloud is where we expect it, otherwise a batch from where it says.
                var body = plan.Bodies.TryGetValue(next, out var planned) ? planned : plan.Store.Body(next, (int)Math.Min(batch, toSeq - next + 1));
                var silo = silos[plan.Silo];
                var started = Stopwatch.GetTimestamp();
                var outcome = await PostAsync(plan.Client, silo, plan.Store, body, cancellationToken);
                if (outcome.AckedSeq is { } acked && acked >= next)
                {
                    latencies.Enqueue(Stopwatch.GetTimestamp() - started);
                    Interlocked.Add(ref perSilo[plan.Silo], acked - next + 1);
                    Interlocked.Add(ref bytes, body.Length);
                    Interlocked.Increment(ref batches);
                    next = acked + 1;
                    attempts = 0;
                    continue;
                }

                if (outcome.AckedSeq is { } behind)
                {
                    outcome = outcome with { Problem = $"200 with ackedSeq {behind}, before the batch's first seq {next}" };
                }

                if (++attempts >= MaxAttemptsPerBatch)
                {
                    problems.Enqueue($"{plan.Store.StoreId}: gave up at seq {next} after {attempts} attempts; last: {outcome.Problem}");
                    return;
                }

                Interlocked.Increment(ref retries);
                problems.Enqueue($"{plan.Store.StoreId}: batch from seq {next} refused, sending again: {outcome.Problem}");
                if ((outcome.ExpectedSeq ?? outcome.AckedSeq + 1) is { } resume)
                {
                    next = resume;
                }
            }
        }

        var running = plans.Select(plan => Task.Run(() => SendStoreAsync(plan), cancellationToken)).ToList();
        var clock = Stopwatch.StartNew();
        go.SetResult();
        await Task.WhenAll(running);
        clock.Stop();
        foreach (var plan in plans)
        {
            plan.Client.Dispose();
        }
        return new IngestResult(clock.Elapsed, perSilo.Sum(), bytes, batches, perSilo, LatencyStats.FromStopwatchTicks(latencies),
            retries, [.. problems]);
    }

    private static Dictionary<long, byte[]> Bodies(SimulatedStore store, long fromSeq, long toSeq, int batch)
    {
        var bodies = new Dictionary<long, byte[]>();
        for (var seq = fromSeq; seq <= toSeq; seq += batch)
        {
            bodies[seq] = store.Body(seq, (int)Math.Min(batch, toSeq - seq + 1));
        }

        return bodies;
    }

    private static async Task<Outcome> PostAsync(HttpClient http, Uri silo, SimulatedStore store, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, $"cloud/v1/stores/{store.StoreId}/journal"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Pos-Signature", store.Sign(body, DateTimeOffset.UtcNow));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var answer = JsonDocument.Parse(text.Length > 0 ? text : "{}");
            var root = answer.RootElement;
            if (response.StatusCode == HttpStatusCode.OK && root.TryGetProperty("ackedSeq", out var acked))
            {
                return new Outcome(acked.GetInt64(), null, null);
            }

            var expected = root.TryGetProperty("code", out var code) && code.GetString() == "journal-gap"
                && root.TryGetProperty("expectedSeq", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : (long?)null;
            return new Outcome(null, expected, $"{(int)response.StatusCode} from {silo}: {Shorten(text)}");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Outcome(null, null, $"{silo}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private sealed record StorePlan(SimulatedStore Store, int Silo, Dictionary<long, byte[]> Bodies, HttpClient Client);

    private sealed record Outcome(long? AckedSeq, long? ExpectedSeq, string? Problem);
}
