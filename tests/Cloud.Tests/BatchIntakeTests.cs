using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pos.Cloud.Stores;
using Pos.Contracts.Sync;
using Pos.Hosting.Access;
using Pos.Tests.Shared;
using Pos.Tools;

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
        var intake = new BatchIntake(new BatchIntakeLimits { Readers = 2, Waiting = 1, MaxWait = TimeSpan.FromMinutes(1), MinBodyRate = null }, TimeProvider.System);
        await using var cloud = await CloudFactory.StartAsync(services => services.AddSingleton(intake));
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var empty = "{\"events\":[]}"u8.ToArray();

        // Three uploads from three addresses that stall after their first byte: two readers hold them, the third waits.
        var stalled = Enumerable.Range(0, 3).Select(_ => new StalledContent(empty)).ToList();
        var sending = stalled.Select((content, i) => PostAsync(cloud, "downtown", content, Sign(store.Secret, empty), $"127.0.0.{11 + i}")).ToList();
        await Poll.UntilAsync(() => Task.FromResult((intake.Reading, intake.Waiting)), n => n == (2, 1), TimeSpan.FromSeconds(30),
            "two uploads to be read and one to wait");

        var probe = new CountingContent(empty, chunked: false);
        using var busy = await PostAsync(cloud, "downtown", probe, Sign(store.Secret, empty), "127.0.0.14");
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
    public async Task One_address_gets_at_most_two_readers_a_third_body_from_it_is_503_at_once_not_queued_while_other_addresses_are_read()
    {
        var intake = new BatchIntake(new BatchIntakeLimits { MinBodyRate = null }, TimeProvider.System);
        await using var cloud = await CloudFactory.StartAsync(services => services.AddSingleton(intake));
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var empty = "{\"events\":[]}"u8.ToArray();
        var attacker = IPAddress.Parse("127.0.0.21");

        var stalled = Enumerable.Range(0, 2).Select(_ => new StalledContent(empty)).ToList();
        var sending = stalled.Select(content => PostAsync(cloud, "downtown", content, Sign(store.Secret, empty), "127.0.0.21")).ToList();
        await Poll.UntilAsync(() => Task.FromResult((intake.Reading, intake.OfClient(attacker))), n => n == (2, 2), TimeSpan.FromSeconds(30),
            "two uploads from one address to be read");

        // Over 1 KiB, so the client does not send it once an error answers its Expect: 100-continue.
        var padded = Encoding.ASCII.GetBytes("{\"events\":[]" + new string(' ', 64 * 1024) + "}");
        var third = new CountingContent(padded, chunked: false);
        using (var refused = await PostAsync(cloud, "downtown", third, Sign(store.Secret, padded), "127.0.0.21"))
        {
            await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "try-again");
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(0, third.Sent);
        Assert.Equal(0, intake.Waiting);
        // Another address is read at once (six readers are free).
        using (var other = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(store.Secret, empty), "127.0.0.22"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        foreach (var content in stalled)
        {
            content.Finish();
        }
        foreach (var response in await Task.WhenAll(sending))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }
        Assert.Equal(0, intake.OfClient(attacker));
        using var again = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(store.Secret, empty), "127.0.0.21");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_body_that_times_out_is_cut_off_or_runs_over_the_limit_counts_as_a_failed_authentication_of_its_address()
    {
        // One failure limits an address here, so each kind of failure shows on its own.
        var failures = new FailedAuthentications(TimeProvider.System, new FailedAuthenticationLimits { MaxFailures = 1 });
        // The deadline leaves the 16 MB upload below time to arrive on a busy machine (it failed with 1 s while builds
        // shared the 2 cores), and the slow upload waits it out.
        var intake = new BatchIntake(new BatchIntakeLimits { ReadWithin = TimeSpan.FromSeconds(5), MinBodyRate = null }, TimeProvider.System);
        await using var cloud = await CloudFactory.StartAsync(services => services.AddSingleton(intake).AddSingleton(failures));
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var empty = "{\"events\":[]}"u8.ToArray();

        // Too slow: our deadline (ReadWithin) passes.
        using (var slow = await RawUpload.StartAsync(cloud, "downtown", empty, Sign(store.Secret, empty), "127.0.0.31"))
        {
            Assert.StartsWith("HTTP/1.1 408 ", await slow.ReadAnswerAsync(), StringComparison.Ordinal);
        }
        // Over the limit, chunked: read up to it, then refused.
        var big = new byte[JournalBatch.MaxBytes + 1];
        big.AsSpan().Fill((byte)' ');
        using (var large = await PostAsync(cloud, "downtown", new CountingContent(big, chunked: true), Sign(store.Secret, big), "127.0.0.32"))
        {
            await AssertProblemAsync(large, HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        }
        // Cut off: the client goes away mid-body.
        using (var cutOff = await RawUpload.StartAsync(cloud, "downtown", empty, Sign(store.Secret, empty), "127.0.0.33"))
        {
            await Poll.UntilAsync(() => Task.FromResult(intake.OfClient(IPAddress.Parse("127.0.0.33"))), n => n == 1, TimeSpan.FromSeconds(30),
                "the upload to be read");
        }
        await Poll.UntilAsync(() => Task.FromResult(failures.Limited(IPAddress.Parse("127.0.0.33"))), l => l is not null, TimeSpan.FromSeconds(30),
            "the cut-off body to count");

        foreach (var address in new[] { "127.0.0.31", "127.0.0.32", "127.0.0.33" })
        {
            // Each is limited: a wrong signature is 429, the right one is still served.
            using var wrong = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(new byte[32], empty), address);
            await AssertProblemAsync(wrong, (HttpStatusCode)429, "too-many-failed-attempts");
            using var right = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(store.Secret, empty), address);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }
        using var other = await PostAsync(cloud, "downtown", new CountingContent(empty, chunked: false), Sign(new byte[32], empty), "127.0.0.34");
        await AssertProblemAsync(other, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_body_trickled_below_the_minimum_rate_is_dropped_after_its_grace_period_rather_than_holding_its_reader_until_the_deadline()
    {
        var intake = new BatchIntake(new BatchIntakeLimits
        {
            ReadWithin = TimeSpan.FromMinutes(5),
            MinBodyRate = new MinDataRate(bytesPerSecond: 4096, gracePeriod: TimeSpan.FromSeconds(2)),
        }, TimeProvider.System);
        await using var cloud = await CloudFactory.StartAsync(services => services.AddSingleton(intake));
        using var hq = cloud.NewClient();
        var store = await TestStore.RegisterAsync(cloud, hq, "downtown");
        var empty = "{\"events\":[]}"u8.ToArray();

        // 1 KB/s: faster than Kestrel's default minimum (240 B/s), which would let it hold its reader until ReadWithin.
        var body = Encoding.ASCII.GetBytes("{\"events\":[]" + new string(' ', 256 * 1024) + "}");
        var started = Stopwatch.StartNew();
        using var trickle = await RawUpload.StartAsync(cloud, "downtown", body, Sign(store.Secret, body), "127.0.0.41");
        using var stop = new CancellationTokenSource();
        var sending = trickle.TrickleAsync(body, bytesPerTick: 100, every: TimeSpan.FromMilliseconds(100), stop.Token);
        var answer = await trickle.ReadAnswerAsync();
        var took = started.Elapsed;
        await stop.CancelAsync();
        await sending;

        Assert.True(took < TimeSpan.FromSeconds(30), $"dropped after {took.TotalSeconds:0.0} s");
        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        await Poll.UntilAsync(() => Task.FromResult(intake.Reading), n => n == 0, TimeSpan.FromSeconds(30), "the reader to be free");
    }

    [Fact]
    public async Task Memory_is_handed_back_once_nothing_is_read_after_refused_bodies_and_at_most_every_half_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var workingSet = 200L << 20;
        using var intake = new BatchIntake(new BatchIntakeLimits(), time, workingSet: () => workingSet);
        workingSet += 100L << 20; // what a burst of bodies took

        // Less than one full body refused: kept for later.
        await ReadAndLeaveAsync(intake, refused: 1024 * 1024);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, intake.Memory.Returns);

        // Enough, but a body is still being read: not yet; a second after the last reader leaves, once.
        var reading = (await intake.EnterAsync(null, CancellationToken.None)).Reader;
        await ReadAndLeaveAsync(intake, refused: JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, intake.Memory.Returns);
        reading!.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, intake.Memory.Returns);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, intake.Memory.Returns);

        // A steady flood (each burst growing the process again): at most once every thirty seconds.
        workingSet += 100L << 20;
        await ReadAndLeaveAsync(intake, refused: JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, intake.Memory.Returns);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, intake.Memory.Returns);
        Assert.Equal(0, intake.Memory.NotWorthIt);
    }

    [Fact]
    public async Task Memory_is_not_handed_back_when_the_process_grew_by_less_than_32_MB_since_the_last_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var workingSet = 200L << 20;
        using var intake = new BatchIntake(new BatchIntakeLimits(), time, workingSet: () => workingSet);

        // Refused bodies that the process absorbed without growing much: the pause would buy nothing.
        workingSet += 31L << 20;
        await ReadAndLeaveAsync(intake, refused: 2L * JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0, 1), (intake.Memory.Returns, intake.Memory.NotWorthIt));

        // More bodies, and now it has grown by 32 MB since it began: handed back, at once (nothing was collected before).
        workingSet += 1L << 20;
        await ReadAndLeaveAsync(intake, refused: JournalBatch.MaxBytes);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((1, 1), (intake.Memory.Returns, intake.Memory.NotWorthIt));
    }

    private static async Task ReadAndLeaveAsync(BatchIntake intake, long refused)
    {
        using var slot = (await intake.EnterAsync(null, CancellationToken.None)).Reader;
        Assert.NotNull(slot);
        intake.Refused(refused);
    }

    private static string Sign(byte[] secret, byte[] body) => BatchSignature.Sign(secret, DateTimeOffset.UtcNow, body);

    private static async Task<HttpResponseMessage> PostAsync(
        CloudFactory cloud, string storeId, HttpContent content, string signature, string from = "127.0.0.1", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{storeId}/journal") { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(BatchSignature.Header, signature);
        }
        using var client = LoopbackAddress.NewClient(from, cloud.BaseAddress, configure: h => h.Expect100ContinueTimeout = TimeSpan.FromMinutes(1));
        client.Timeout = TimeSpan.FromMinutes(5);
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

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        /// <summary>The handler cancels it when the request is cancelled, or when the answer came before the body was sent.</summary>
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await _go.Task.WaitAsync(cancellationToken);
            await stream.WriteAsync(bytes.AsMemory(1), cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>
    /// A batch upload over a raw socket from a loopback address: the headers (Content-Length of the whole body) and the
    /// body's first byte go at once, the rest never; disposing it closes the connection mid-body.
    /// </summary>
    private sealed class RawUpload : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;

        private RawUpload(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
        }

        public static async Task<RawUpload> StartAsync(CloudFactory cloud, string storeId, byte[] body, string signature, string from)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
            await socket.ConnectAsync(cloud.BaseAddress.Host, cloud.BaseAddress.Port);
            var upload = new RawUpload(socket);
            var head = $"POST /cloud/v1/stores/{storeId}/journal HTTP/1.1\r\nHost: {cloud.BaseAddress.Authority}\r\n"
                + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n{BatchSignature.Header}: {signature}\r\n\r\n";
            await upload._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await upload._stream.WriteAsync(body.AsMemory(0, 1));
            await upload._stream.FlushAsync();
            return upload;
        }

        /// <summary>
        /// Sends the rest of <paramref name="body"/> at a steady pace (the sender's rate, not a wait in the test) until
        /// it is all sent, the connection fails or <paramref name="stop"/>.
        /// </summary>
        public async Task TrickleAsync(byte[] body, int bytesPerTick, TimeSpan every, CancellationToken stop)
        {
            using var pace = new PeriodicTimer(every);
            try
            {
                for (var at = 1; at < body.Length && await pace.WaitForNextTickAsync(stop); at += bytesPerTick)
                {
                    await _stream.WriteAsync(body.AsMemory(at, Math.Min(bytesPerTick, body.Length - at)), stop);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Stopped, or the cloud closed the connection.
            }
        }

        /// <summary>The answer's status line, or "closed" when the connection closed without one.</summary>
        public async Task<string> ReadAnswerAsync()
        {
            using var reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                return await reader.ReadLineAsync(timeout.Token) ?? "closed";
            }
            catch (IOException)
            {
                return "closed";
            }
        }

        public void Dispose()
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // The cloud closed it first.
            }
            _stream.Dispose();
        }
    }
}
