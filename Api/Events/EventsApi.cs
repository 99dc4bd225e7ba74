using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Problems;
using Pos.Grains.Journal;
using Pos.Contracts.Permissions;

namespace Pos.Api.Events;

/// <summary>
/// /api/v1/events: the journal as a server-sent event stream, for the staff app (other devices' changes without a
/// reload) and integrators. Read with <c>Authorization: Bearer</c> like every route: the token is never taken from the
/// query string. A browser's EventSource cannot send that header, so the staff app (Blazor WebAssembly, whose
/// HttpClient is the browser's fetch) reads the stream with fetch and response streaming instead
/// (<c>SetBrowserResponseStreamingEnabled</c>), sending the header and, on reconnect, <c>Last-Event-ID</c> itself.
/// A token in a URL would be written wherever URLs are (proxy and access logs, the browser's history, traces), and
/// would make this route the one exception to how the appliance authenticates.
/// </summary>
public static class EventsApi
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", StreamEvents).WithTags("Journal").WithName("StreamEvents").RequiresPermission(PermissionNames.EventsRead)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429).ProducesProblem(503)
            .Describe("Stream journal events as they are written (server-sent events)",
                "A text/event-stream that stays open. It opens with `retry: <ms>` and `id: <seq>` (the seq it starts after), then gives each " +
                "journal event as a message: `id: <seq>`, `event: <type>` (e.g. LineAdded), `data: <the event as GET /api/v1/journal gives it, " +
                "JSON on one line>`, in seq order, gapless within the chosen kinds. Events written while the stream is open arrive at once; a " +
                "comment line `: keep-alive` comes after 15 s without an event. To resume, send the last id received as the Last-Event-ID header " +
                "(an EventSource does so itself): exactly the events after it follow, none twice. Without Last-Event-ID or after, the stream starts " +
                "at the head: only events written from now on. While the store's database is away the stream stays open and goes on once it " +
                "answers; 503 journal-unavailable comes only before the stream has started. A device may hold 8 streams open: a ninth is " +
                "served and the device's oldest stream ends (a phone back from a Wi-Fi drop is never refused by its own dead connections). The " +
                "appliance holds 200: one more is 429 too-many-event-streams with Retry-After. Authenticate with Authorization: Bearer (a browser reads the stream with " +
                "fetch, as an EventSource cannot send the header); a token is never taken from the URL.");
        return app;
    }

    /// <summary>The journal's events, as they are written.</summary>
    /// <param name="after">Start after this seq (0: from the first event). Without it, and without Last-Event-ID, the stream starts at the head.</param>
    /// <param name="lastEventId">The id of the last event received, sent again on reconnect: the stream resumes after it. Wins over after.</param>
    /// <param name="streams">Only the events of these stream kinds, separated by commas: order, printing, menu, business-day, staff. None: every event.</param>
    /// <param name="http">The request.</param>
    /// <param name="journal">Where the events are read.</param>
    /// <param name="signal">Says when something was committed.</param>
    /// <param name="slots">How many streams are open.</param>
    /// <param name="options">The stream's limits.</param>
    /// <param name="cancellationToken">Stops the first read when the client goes.</param>
    public static async Task<Results<EventStreamResult, ProblemHttpResult>> StreamEvents(
        long? after,
        [FromHeader(Name = LastEventIdHeader)] string? lastEventId,
        string? streams,
        HttpContext http, IJournalFeed journal, JournalCommitSignal signal, EventStreamSlots slots, EventStreamOptions options,
        CancellationToken cancellationToken)
    {
        var (start, field, error) = EventStreamStart.Parse(after, lastEventId, streams);
        if (start is null)
        {
            return Problems.Problems.Invalid(field!, error!);
        }
        // The head is read before a slot is taken: a resume from a seq this journal never gave is refused without
        // ending one of the device's own streams to make room. The database away now is a 503 the client can act on.
        var committed = signal.Next;
        var head = await journal.HeadSeqAsync(cancellationToken);
        if (start.After > head)
        {
            // A seq this journal never gave (another store's, or a journal restored from an older copy): waiting for it
            // would skip every event up to it without a word.
            return Problems.Problems.Invalid(lastEventId is null ? "after" : LastEventIdHeader,
                $"The journal's head is {head}; resume from a seq it gave (at most {head}).");
        }
        var slot = slots.TryTake(http.User.DeviceId());
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = ((int)options.FullRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Problems.Problems.Of(ErrorCodes.TooManyEventStreams,
                $"The appliance has {options.MaxTotal} event streams open, its most: try again in {(int)options.FullRetryAfter.TotalSeconds} s.");
        }
        try
        {
            var cursor = start.After ?? head;
            var first = await journal.ReadAsync(cursor, options.PageSize, cancellationToken);
            return new EventStreamResult(start, cursor, committed, first, slot);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }
}
