using System.Net;
using System.Text.Json;

namespace Pos.Appliance.Tests.Events;

/// <summary>One block of a text/event-stream: its fields as sent, and its comment lines.</summary>
public sealed record EventBlock(string? Id, string? Event, string? Data, string? Retry, IReadOnlyList<string> Comments)
{
    public long Seq => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data!).RootElement.Clone();
}

/// <summary>
/// A reader of GET /api/v1/events over a real socket, as a client that follows the format would read it: line by
/// line, a blank line ending each block. Every read has a deadline, so a stream that stays silent fails the test.
/// </summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream and checks it answered 200 text/event-stream.</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"GET /api/v1/events{query} answered {(int)response.StatusCode}: {body}");
        }
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>
    /// Opens the stream as a client that follows Retry-After would: a 429 (the server has not yet seen an earlier
    /// stream of the device close) is tried again until the deadline.
    /// </summary>
    public static async Task<EventStreamReader> OpenWhenFreeAsync(HttpClient client, string query = "", string? lastEventId = null)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            try
            {
                return await OpenAsync(client, query, lastEventId);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("answered 429", StringComparison.Ordinal) && !deadline.IsCancellationRequested)
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
        }
    }

    /// <summary>The next block, whatever it holds.</summary>
    public async Task<EventBlock> NextBlockAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? id = null, type = null, data = null, retry = null;
        var comments = new List<string>();
        var any = false;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No complete block within {timeout ?? TimeSpan.FromSeconds(10)}.");
            }
            if (line is null)
            {
                throw new EndOfStreamException("The event stream ended.");
            }
            if (line.Length == 0)
            {
                if (any)
                {
                    return new EventBlock(id, type, data, retry, comments);
                }
                continue;
            }
            any = true;
            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
                case "retry": retry = value; break;
            }
        }
    }

    /// <summary>The next event (a block with data), skipping the opening and keep-alives.</summary>
    public async Task<EventBlock> NextEventAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var block = await NextBlockAsync(timeout);
            if (block.Data is not null)
            {
                return block;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
