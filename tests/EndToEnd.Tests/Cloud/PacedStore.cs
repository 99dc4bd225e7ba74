using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Sync;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// A store syncing as the appliance does, paced: one signed batch per tick (what the store wrote since the last), each
/// through the load balancer; a batch that fails (refused connection, reset, timeout, 5xx, try again) is sent again at
/// the next tick; a gap resends from where the cloud says. Every batch says the store's journal head.
/// </summary>
internal sealed class PacedStore : IDisposable
{
    private readonly byte[] _secret;
    private readonly HttpClient _client;
    private long _acked;

    private PacedStore(string storeId, byte[] secret, int index, int events)
    {
        StoreId = storeId;
        _secret = secret;
        // Each store from its own loopback address, as each restaurant has its own: the cloud takes at most two bodies
        // at once from one address.
        _client = LoopbackAddress.NewClient($"127.0.{2 + index / 250}.{1 + index % 250}", new Uri("http://127.0.0.1/"),
            configure: h => h.PooledConnectionLifetime = TimeSpan.FromSeconds(5));
        _client.Timeout = TimeSpan.FromSeconds(10);
        var day = new DateOnly(2026, 11, 24);
        var start = new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
        Events = [.. Enumerable.Range(1, events).Select(i =>
        {
            var at = start.AddSeconds(i * 7);
            var order = $"order-{storeId}-{i / 8}";
            var data = JsonSerializer.Serialize(new { orderId = order, lineId = Guid.NewGuid(), itemId = "burger", name = "Burger", quantity = 1 + (i % 3), unitPriceMinor = 1250 });
            return new JournalEntry(i, Guid.CreateVersion7(at), order, 1 + (i % 8), "LineAdded", at, "pos-1", day, data);
        })];
    }

    public string StoreId { get; }
    public IReadOnlyList<JournalEntry> Events { get; }
    public long AckedSeq => Interlocked.Read(ref _acked);
    public int Failures { get; private set; }
    public string? LastFailure { get; private set; }

    public static async Task<PacedStore> RegisterAsync(HttpClient hq, string storeId, int index, int events)
    {
        using var created = await hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = storeId, timeZone = "America/Chicago" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var secret = JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
        return new PacedStore(storeId, Convert.FromBase64String(secret), index, events);
    }

    /// <summary>
    /// Sends the whole journal, <paramref name="batchSize"/> events per tick, until all are acknowledged; a batch past
    /// seq <paramref name="holdAfter"/> waits for <paramref name="release"/> (the test's cue that the cluster changed).
    /// </summary>
    public async Task SendAllAsync(
        LoadBalancer balancer, int batchSize, TimeSpan tick, long holdAfter, Task release, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(tick);
        var next = 1L;
        while (next <= Events.Count && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var batch = Events.Skip((int)next - 1).Take(batchSize).ToList();
            if (batch[^1].Seq > holdAfter)
            {
                await release.WaitAsync(cancellationToken);
            }
            var silo = balancer.Next();
            var body = JournalBatch.Write(batch, headSeq: Events.Count);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, $"/cloud/v1/stores/{StoreId}/journal"))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Pos-Signature", BatchSignature.Sign(_secret, DateTimeOffset.UtcNow, body));
            try
            {
                using var response = await _client.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var acked = JsonDocument.Parse(text).RootElement.GetProperty("ackedSeq").GetInt64();
                    Assert.True(acked >= batch[^1].Seq, $"{StoreId}: the batch {next}..{batch[^1].Seq} was acknowledged only up to {acked}");
                    Interlocked.Exchange(ref _acked, acked);
                    next = acked + 1;
                    continue;
                }
                var code = text.Length > 0 && text[0] == '{' && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                if (response.StatusCode == HttpStatusCode.Conflict && code == "journal-gap")
                {
                    next = JsonDocument.Parse(text).RootElement.GetProperty("expectedSeq").GetInt64();
                    continue;
                }
                // Anything else the cloud refuses (a conflict, a bad signature) is a failure of the test, not a retry.
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests,
                    $"{StoreId}: {silo.BaseAddress} refused the batch from {next}: {(int)response.StatusCode} {text}");
                Failed($"{silo.BaseAddress}: {(int)response.StatusCode} {code}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Failed($"{silo.BaseAddress}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void Failed(string why)
    {
        Failures++;
        LastFailure = why;
    }

    public void Dispose() => _client.Dispose();
}
