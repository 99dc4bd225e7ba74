using System.Net;
using System.Text;
using Pos.Client.Live;

namespace Pos.Client.Tests.Live;

/// <summary>
/// The reader against scripted answers: a drop is resumed with Last-Event-ID and an event given again is not given
/// twice; a refused token ends the reading; a failed opening is tried again. (Against the real appliance: in
/// Appliance.Tests/Client/LiveUpdatesTests.)
/// </summary>
public sealed class EventStreamReaderTests
{
    private static readonly EventStreamReaderOptions Fast = new()
    {
        FirstRetry = TimeSpan.FromMilliseconds(1), LongestRetry = TimeSpan.FromMilliseconds(5), ReconnectDelay = TimeSpan.FromMilliseconds(1),
    };

    private static string Event(long seq) =>
        $"id: {seq}\nevent: LineAdded\ndata: {{\"seq\":{seq},\"eventId\":\"{Guid.NewGuid()}\",\"streamId\":\"order-{Guid.Empty}\",\"streamVersion\":{seq}," +
        "\"type\":\"LineAdded\",\"occurredAt\":\"2025-05-01T12:00:00+00:00\",\"deviceId\":\"till\",\"businessDate\":\"2025-05-01\",\"data\":{},\"issuedAt\":null}\n\n";

    [Fact]
    public async Task A_drop_is_resumed_after_the_last_id_and_nothing_comes_twice_until_the_token_is_refused()
    {
        var script = new ScriptedHandler(
            _ => Stream("retry: 1\nid: 0\n\n" + Event(1) + Event(2)),
            _ => Stream(Event(2) + ": keep-alive\n\n" + Event(3)),
            _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        var reader = new EventStreamReader(new HttpClient(script) { BaseAddress = new Uri("http://appliance.test/") }, Fast);

        var seqs = new List<long>();
        await foreach (var entry in reader.ReadAsync(streams: ["order"]))
        {
            seqs.Add(entry.Seq);
        }

        Assert.Equal([1, 2, 3], seqs);
        Assert.Equal(EventStreamState.Revoked, reader.State);
        Assert.Equal([null, "2", "3"], script.LastEventIds);
        Assert.All(script.Paths, p => Assert.Equal("/api/v1/events?streams=order", p));
    }

    [Fact]
    public async Task A_failed_opening_is_tried_again_and_the_caller_shapes_each_request()
    {
        var prepared = 0;
        var script = new ScriptedHandler(
            _ => throw new HttpRequestException("refused"),
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => Stream("id: 9\n\n" + Event(10)),
            _ => new HttpResponseMessage(HttpStatusCode.Forbidden));
        var options = Fast with { PrepareRequest = _ => prepared++ };
        var reader = new EventStreamReader(new HttpClient(script) { BaseAddress = new Uri("http://appliance.test/") }, options);

        var seqs = new List<long>();
        await foreach (var entry in reader.ReadAsync(after: 9))
        {
            seqs.Add(entry.Seq);
        }

        Assert.Equal([10], seqs);
        Assert.Equal(4, prepared);
        Assert.Equal("/api/v1/events?after=9", script.Paths[0]);
        Assert.Equal("10", script.LastEventIds[^1]);
    }

    private static HttpResponseMessage Stream(string text) => new(HttpStatusCode.OK)
    {
        Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text))),
    };

    /// <summary>Answers each request with the next of its answers, and keeps what each request asked.</summary>
    private sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;
        public List<string?> LastEventIds { get; } = [];
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastEventIds.Add(request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
            Paths.Add(request.RequestUri!.PathAndQuery);
            return Task.FromResult(answers[_next++](request));
        }
    }
}
