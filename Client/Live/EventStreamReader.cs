using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Pos.Client.Http;
using Pos.Contracts.Journal;

namespace Pos.Client.Live;

/// <summary>Where a reader of the appliance's event stream stands.</summary>
public enum EventStreamState
{
    /// <summary>Not reading.</summary>
    Idle,

    /// <summary>Opening the stream (the first time, or again after a drop, with a backoff while it fails).</summary>
    Connecting,

    /// <summary>The stream is open: events arrive as they are written.</summary>
    Connected,

    /// <summary>The appliance refused the token (401, 403): the device was revoked. The reader stopped.</summary>
    Revoked,
}

/// <summary>
/// Reads <c>GET /api/v1/events</c> as the appliance writes it and yields each journal entry once, in seq order. The
/// answer is read as it streams (headers first, then line by line). After a drop (the socket closed, the Wi-Fi went,
/// nothing heard for <see cref="EventStreamReaderOptions.IdleTimeout"/>) it waits the stream's <c>retry:</c> and
/// reconnects with <c>Last-Event-ID</c>, so exactly the events after the last one come, none lost, none twice (an entry
/// at or below the last seq given is skipped all the same). Opening the stream fails: exponential backoff with jitter
/// (Polly), the appliance's Retry-After when it said one. A 401 or 403 ends the reading: the token was revoked.
/// </summary>
public sealed class EventStreamReader
{
    private readonly HttpClient _http;
    private readonly EventStreamReaderOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _connect;

    public EventStreamReader(HttpClient http, EventStreamReaderOptions? options = null, TimeProvider? time = null)
    {
        _http = http;
        _options = options ?? new EventStreamReaderOptions();
        _time = time ?? TimeProvider.System;
        _connect = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is HttpRequestException or IOException or TimeoutException
                    || args.Outcome.Result is { } r && IsPassing(r.StatusCode)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetry,
                MaxDelay = _options.LongestRetry,
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Where the reader stands.</summary>
    public EventStreamState State { get; private set; }

    /// <summary>The last event id the stream gave: where a reconnect resumes.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>How many times the stream was opened (the first time and each reconnect).</summary>
    public int Connections { get; private set; }

    /// <summary>Raised when <see cref="State"/> changed.</summary>
    public event Action<EventStreamState>? StateChanged;

    /// <summary>
    /// The journal's entries as they are written, from after <paramref name="after"/> (null: from now on), of the
    /// chosen stream kinds (order, printing, menu, business-day; null: all). Ends when the token is revoked; throws
    /// when cancelled.
    /// </summary>
    public async IAsyncEnumerable<JournalEventResponse> ReadAsync(
        long? after = null, IReadOnlyCollection<string>? streams = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = "api/v1/events";
        var query = new List<string>();
        if (after is { } a)
        {
            query.Add("after=" + a.ToString(CultureInfo.InvariantCulture));
        }
        if (streams is { Count: > 0 })
        {
            query.Add("streams=" + Uri.EscapeDataString(string.Join(',', streams)));
        }
        if (query.Count > 0)
        {
            path += "?" + string.Join('&', query);
        }
        var lastSeq = after ?? -1;
        var parser = new ServerSentEventParser();
        try
        {
            while (true)
            {
                Move(EventStreamState.Connecting);
                var response = await _connect.ExecuteAsync(token => OpenAsync(path, token), cancellationToken);
                using (response)
                {
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        Move(EventStreamState.Revoked);
                        yield break;
                    }
                    response.EnsureSuccessStatusCode();
                    Connections++;
                    Move(EventStreamState.Connected);
                    using var idle = new CancellationTokenSource(_options.IdleTimeout, _time);
                    using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
                    using var reader = new StreamReader(
                        await response.Content.ReadAsStreamAsync(cancellationToken), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                    while (await NextLineAsync(reader, reading.Token, cancellationToken) is { } line)
                    {
                        idle.CancelAfter(_options.IdleTimeout);
                        var message = parser.Line(line);
                        LastEventId = parser.LastEventId;
                        if (message is null)
                        {
                            continue;
                        }
                        var entry = JsonSerializer.Deserialize(message.Data, WireJson.Info<JournalEventResponse>())
                            ?? throw new JsonException($"The event stream gave an empty entry (id {message.LastEventId}).");
                        if (entry.Seq <= lastSeq)
                        {
                            continue; // given already: never twice
                        }
                        lastSeq = entry.Seq;
                        yield return entry;
                    }
                    parser.Reset();
                }
                // Dropped: wait as the stream asked (or as told), then resume after the last id.
                await Task.Delay(_options.ReconnectDelay ?? parser.Retry ?? EventStreamReaderOptions.DefaultReconnect, _time, cancellationToken);
            }
        }
        finally
        {
            if (State != EventStreamState.Revoked)
            {
                Move(EventStreamState.Idle);
            }
        }
    }

    private async ValueTask<HttpResponseMessage> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (LastEventId is { Length: > 0 } last)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", last);
        }
        _options.PrepareRequest?.Invoke(request);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The appliance did not answer the event stream in time.", e);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>The next line, or null when the stream ended, dropped or went quiet too long (then it is opened again).</summary>
    private static async Task<string?> NextLineAsync(StreamReader reader, CancellationToken reading, CancellationToken stop)
    {
        try
        {
            return await reader.ReadLineAsync(reading);
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    // What a later attempt may get past: the appliance away, busy, restarting.
    private static bool IsPassing(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private void Move(EventStreamState state)
    {
        if (State != state)
        {
            State = state;
            StateChanged?.Invoke(state);
        }
    }
}

/// <summary>How the event stream reader reconnects, and how a caller shapes its request.</summary>
public sealed record EventStreamReaderOptions
{
    /// <summary>What a reader waits after a drop when the stream gave no <c>retry:</c>.</summary>
    public static readonly TimeSpan DefaultReconnect = TimeSpan.FromSeconds(2);

    /// <summary>The first wait after a failed attempt to open the stream; it doubles up to <see cref="LongestRetry"/>.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LongestRetry { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait after a drop; null: the stream's own <c>retry:</c>.</summary>
    public TimeSpan? ReconnectDelay { get; init; }

    /// <summary>Nothing heard for this long (the appliance writes a keep-alive every 15 s): the connection is taken as dead.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Called on each request before it is sent: in the browser, to ask for response streaming
    /// (<c>request.SetBrowserResponseStreamingEnabled(true)</c>), which this library cannot name without a browser package.
    /// </summary>
    public Action<HttpRequestMessage>? PrepareRequest { get; init; }
}
