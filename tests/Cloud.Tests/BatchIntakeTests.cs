using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pos.Cloud.Stores;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests;

/// <summary>
/// A batch body is read only once the store is known and its signature header is present, well formed and fresh;
/// never beyond the limit; and by a few readers at once. Requests here wait for 100 Continue, as the appliance's do,
/// so an answer given before the body is read reaches them.
/// </summary>
public sealed class BatchIntakeTests
{
    [Fact]
    public async Task A_body_larger_than_the_limit_is_413_and_one_from_an_unknown_store_or_with_a_bad_header_is_401_all_unread()
    {
        await using var cloud = await CloudFactory.StartAsync();
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var big = new byte[JournalBatch.MaxBytes + 1];
        big.AsSpan().Fill((byte)' ');

        // Declared larger: refused before a byte of it is read (the client never sends it).
        var declared = new CountingContent(big, chunked: false);
        using (var response = await PostAsync(cloud, "downtown", declared, Sign(store.Secret, big)))
        {
            await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        }
        Assert.Equal(0, declared.Sent);
        // Chunked: read up to the limit, then refused.
        using (var response = await PostAsync(cloud, "downtown", new CountingContent(big, chunked: true), Sign(store.Secret, big)))
        {
            await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        }
        // An unknown store, or a header that is missing, malformed or stale: refused before anything else, unread.
        foreach (var (storeId, header) in new[]
        {
            ("nowhere", Sign(store.Secret, big)),
            ("downtown", ""),
            ("downtown", "t=1,v1=zz"),
            ("downtown", BatchSignature.Sign(store.Secret, DateTimeOffset.UtcNow.AddMinutes(-6), big)),
            ("downtown", $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1=abc"),
        })
        {
            var content = new CountingContent(big, chunked: true);
            using var response = await PostAsync(cloud, storeId, content, header);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal(0, content.Sent);
            Assert.Equal(JsonValueKind.String, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("serverTime").ValueKind);
        }

        // The largest body taken still goes in.
        for (var i = 0; i < 3; i++)
        {
            store.Append($"menu-{i}", "MenuReplaced", JournalBatchTests.BigData(1_400_000), null);
        }
        var body = JournalBatch.Write(store.Journal, headSeq: 3, JournalBatch.MaxBytes, out var count);
        Assert.Equal(2, count);
        using var fits = await PostAsync(cloud, "downtown", new CountingContent(body, chunked: false), Sign(store.Secret, body));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await fits.Content.ReadAsStringAsync()).RootElement.GetProperty("ackedSeq").GetInt64());
    }

    [Fact]
    public async Task When_every_reader_is_busy_and_one_waits_the_next_batch_is_answered_503_try_again_with_retry_after()
    {
        var intake = new BatchIntake(new BatchIntakeLimits { Readers = 2, Waiting = 1, MaxWait = TimeSpan.FromMinutes(1) }, TimeProvider.System);
        await using var cloud = await CloudFactory.StartAsync(services => services.AddSingleton(intake));
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var empty = "{\"events\":[]}"u8.ToArray();

        // Three uploads that stall after their first byte: two readers hold them, the third waits.
        var stalled = Enumerable.Range(0, 3).Select(_ => new StalledContent(empty)).ToList();
        var sending = stalled.Select(content => PostAsync(cloud, "downtown", content, Sign(store.Secret, empty))).ToList();
        await Poll.UntilAsync(() => Task.FromResult((intake.Reading, intake.Waiting)), n => n == (2, 1), TimeSpan.FromSeconds(30),
            "two uploads to be read and one to wait");

        var probe = new CountingContent(empty, chunked: false);
        using var busy = await PostAsync(cloud, "downtown", probe, Sign(store.Secret, empty));
        await AssertProblemAsync(busy, HttpStatusCode.ServiceUnavailable, "try-again");
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);

        foreach (var content in stalled)
        {
            content.Finish();
        }
        foreach (var response in await Task.WhenAll(sending))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }
        using var after = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(store.Secret, empty));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Memory_is_handed_back_once_nothing_is_read_after_refused_bodies_and_at_most_every_half_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var intake = new BatchIntake(new BatchIntakeLimits(), time);

        // Less than one full body refused: kept for later.
        await ReadAndLeaveAsync(intake, refused: 1024 * 1024);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, intake.MemoryReturns);

        // Enough, but a body is still being read: not yet; a second after the last reader leaves, once.
        var reading = await intake.EnterAsync(CancellationToken.None);
        await ReadAndLeaveAsync(intake, refused: JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, intake.MemoryReturns);
        reading!.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, intake.MemoryReturns);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, intake.MemoryReturns);

        // A steady flood: at most once every thirty seconds.
        await ReadAndLeaveAsync(intake, refused: JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, intake.MemoryReturns);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, intake.MemoryReturns);
    }

    private static async Task ReadAndLeaveAsync(BatchIntake intake, long refused)
    {
        using var slot = await intake.EnterAsync(CancellationToken.None);
        Assert.NotNull(slot);
        intake.Refused(refused);
    }

    private static string Sign(byte[] secret, byte[] body) => BatchSignature.Sign(secret, DateTimeOffset.UtcNow, body);

    private static async Task<HttpResponseMessage> PostAsync(CloudFactory cloud, string storeId, HttpContent content, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{storeId}/journal") { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(BatchSignature.Header, signature);
        }
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = cloud.BaseAddress,
        };
        return await client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    /// <summary>A body that counts what it sent; chunked, the cloud learns its size only by reading it.</summary>
    private sealed class CountingContent(byte[] bytes, bool chunked) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                var n = Math.Min(64 * 1024, bytes.Length - at);
                await stream.WriteAsync(bytes.AsMemory(at, n));
                Sent += n;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return !chunked;
        }
    }

    /// <summary>A body whose first byte goes at once and the rest when the test says so.</summary>
    private sealed class StalledContent(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish() => _go.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            await _go.Task;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
