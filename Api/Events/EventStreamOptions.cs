namespace Pos.Api.Events;

/// <summary>
/// The limits and rhythm of <c>GET /api/v1/events</c>. <see cref="Time"/> is the clock of the keep-alives and the
/// retries only (a test moves it without moving the rest of the appliance); null is the appliance's clock.
/// </summary>
public sealed class EventStreamOptions
{
    /// <summary>Streams one device may hold open at once (a phone with a few tabs, a reconnect before the old socket closed).</summary>
    public int MaxPerDevice { get; init; } = 8;

    /// <summary>Streams open at once in all.</summary>
    public int MaxTotal { get; init; } = 200;

    /// <summary>Events read from the journal and written per round: what one stream holds in memory at most.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>A comment line is written after this long without an event, so proxies and phones keep the connection.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>retry:</c> an EventSource waits before it reconnects.</summary>
    public TimeSpan Reconnect { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stream waits before reading the journal again while the database is away.</summary>
    public TimeSpan OutageRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>What a refused reader is asked to wait before trying again (Retry-After).</summary>
    public TimeSpan FullRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider? Time { get; init; }
}
