using System.Net;
using Pos.Client;
using Pos.Client.Live;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Client;

/// <summary>
/// Live updates against a real appliance: another device's change reaches this device's local copy by itself; a
/// connection dropped mid-stream resumes with Last-Event-ID, every event once; a revoked token ends the reading.
/// </summary>
public sealed class LiveUpdatesTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly OutboxPumpOptions FastRetry = new() { FirstRetry = TimeSpan.FromMilliseconds(50), LongestRetry = TimeSpan.FromMilliseconds(200) };
    private static readonly EventStreamReaderOptions FastReconnect = new()
    {
        FirstRetry = TimeSpan.FromMilliseconds(50), LongestRetry = TimeSpan.FromMilliseconds(200), ReconnectDelay = TimeSpan.FromMilliseconds(50),
    };

    private async Task<(StoreDevice Device, StreamCutter Link)> OpenDeviceAsync()
    {
        var deviceId = PosClient.NewDeviceId("phone-");
        var token = await fixture.Client.RegisterDeviceAsync(deviceId);
        var link = new StreamCutter(new SocketsHttpHandler());
        var http = new HttpClient(link) { BaseAddress = fixture.Appliance.BaseAddress };
        return (await StoreDevice.OpenAsync(http, deviceId, token, new MemoryClientStore(), FastRetry), link);
    }

    [Fact]
    public async Task Another_devices_new_order_and_its_lines_appear_in_this_devices_local_copy()
    {
        var (phone, _) = await OpenDeviceAsync();
        var (till, _) = await OpenDeviceAsync();
        await using var p = phone;
        await using var t = till;
        await phone.StartLiveUpdatesAsync(FastReconnect);
        var changed = 0;
        phone.Local.Changed += () => Interlocked.Increment(ref changed);

        var orderId = Guid.NewGuid();
        await till.OpenOrderAsync(orderId, Channel.DineIn, "4", 2);
        await till.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1, "no onions", ["extra cheese"]);
        await Poll.UntilAsync(() => Task.FromResult(phone.Local.Order(orderId)), o => o is { Lines.Count: 1 }, Deadline, "the till's order and line on the phone");

        await till.AddLineAsync(orderId, Guid.NewGuid(), "fries", 2);
        await till.FireAsync(orderId);
        var order = await Poll.UntilAsync(() => Task.FromResult(phone.Local.Order(orderId)),
            o => o is { Lines.Count: 2 } && o.Lines.All(l => l.Status == LineStatus.Fired), Deadline, "the fired lines on the phone");

        Assert.Equal(["burger", "fries"], order!.Lines.Select(l => l.MenuItemId));
        Assert.True(Volatile.Read(ref changed) > 0, "the local copy said it changed");
        Assert.Equal(EventStreamState.Connected, phone.Live!.Reader.State);
        Assert.Equal(0, phone.Outbox.Waiting);
    }

    [Fact]
    public async Task A_dropped_stream_resumes_after_its_last_event_with_nothing_lost_and_nothing_twice()
    {
        var (phone, link) = await OpenDeviceAsync();
        var (till, _) = await OpenDeviceAsync();
        await using var p = phone;
        await using var t = till;
        var start = await fixture.HeadSeqAsync();
        var reader = new EventStreamReader(phone.Api.Http, FastReconnect);
        var received = new List<long>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var entry in reader.ReadAsync(after: start, cancellationToken: stop.Token))
            {
                lock (received)
                {
                    received.Add(entry.Seq);
                }
            }
        });

        var orderId = Guid.NewGuid();
        await till.OpenOrderAsync(orderId, Channel.Takeout);
        await till.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1);
        await Poll.UntilAsync(() => Task.FromResult(Count(received)), n => n >= 2, Deadline, "the first events");

        // The Wi-Fi goes: the open stream breaks and no new one can be opened, while the till goes on.
        link.Down = true;
        link.CutStreams();
        for (var i = 0; i < 4; i++)
        {
            await till.AddLineAsync(orderId, Guid.NewGuid(), "ipa", 1);
        }
        await till.FireAsync(orderId);
        await Poll.UntilAsync(() => Task.FromResult(till.Outbox.Waiting), w => w == 0, Deadline, "the till's lines to land");
        Assert.Equal(EventStreamState.Connecting, await Poll.UntilAsync(() => Task.FromResult(reader.State), s => s == EventStreamState.Connecting, Deadline, "the reader to notice"));

        link.Down = false;
        var head = await fixture.HeadSeqAsync();
        await Poll.UntilAsync(() => Task.FromResult(Last(received)), last => last >= head, Deadline, "the events written meanwhile");
        await stop.CancelAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        var journal = (await fixture.Client.ReadJournalAsync()).Select(e => e.GetProperty("seq").GetInt64()).Where(s => s > start && s <= head);
        lock (received)
        {
            Assert.Equal(journal, received.Where(s => s <= head));
        }
        Assert.True(reader.Connections >= 2, "the stream was opened again");
    }

    [Fact]
    public async Task A_revoked_device_stops_reading_at_its_next_connection()
    {
        var (phone, link) = await OpenDeviceAsync();
        await using var p = phone;
        await phone.StartLiveUpdatesAsync(FastReconnect);
        Assert.Equal(EventStreamState.Connected, phone.Live!.Reader.State);

        using (var revoke = await fixture.Client.DeleteAsync($"/api/v1/devices/{phone.DeviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        link.CutStreams();

        await phone.Live.Running.WaitAsync(Deadline);
        Assert.Equal(EventStreamState.Revoked, phone.Live.Reader.State);
    }

    private static int Count(List<long> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static long Last(List<long> list)
    {
        lock (list)
        {
            return list.Count == 0 ? 0 : list[^1];
        }
    }

    /// <summary>Between the device and the appliance: refuses new connections while down, and breaks the open event streams.</summary>
    private sealed class StreamCutter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Lock _gate = new();
        private CancellationTokenSource _cut = new();
        public volatile bool Down;

        public void CutStreams()
        {
            lock (_gate)
            {
                _cut.Cancel();
                _cut = new CancellationTokenSource();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new HttpRequestException("Connection refused (the test cut the link)");
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                CancellationToken cut;
                lock (_gate)
                {
                    cut = _cut.Token;
                }
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var headers = response.Content.Headers;
                var content = new StreamContent(new BreakableStream(body, cut));
                foreach (var h in headers)
                {
                    content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                }
                response.Content = content;
            }
            return response;
        }
    }

    /// <summary>A response body whose reads fail once the link is cut, as a socket reset would make them.</summary>
    private sealed class BreakableStream(Stream inner, CancellationToken cut) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cut);
            try
            {
                return await inner.ReadAsync(buffer, both.Token);
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("The connection was reset (the test cut the link).");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
