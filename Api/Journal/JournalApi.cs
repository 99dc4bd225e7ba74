using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Grains.Journal;

namespace Pos.Api.Journal;

/// <summary>
/// One journal event as served over HTTP. <c>issuedAt</c> is the device's own clock when it issued the command
/// (commands sent in a batch after being queued offline), null when the device did not say.
/// </summary>
public sealed record JournalEventResponse(
    long Seq, Guid EventId, string StreamId, int StreamVersion, string Type, DateTimeOffset OccurredAt,
    string DeviceId, DateOnly? BusinessDate, JsonElement Data, DateTimeOffset? IssuedAt);

/// <summary>A page of the journal: events in seq order, gapless; <c>lastSeq</c> is where the next page starts.</summary>
public sealed record JournalResponse(IReadOnlyList<JournalEventResponse> Events, long LastSeq, long HeadSeq);

/// <summary>/api/v1/journal: the store journal, read in seq order.</summary>
public static class JournalApi
{
    public const int MaxLimit = 1_000;

    public static IEndpointRouteBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/journal", ReadJournal).WithTags("Journal").WithName("ReadJournal").RequireAuthorization()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(503);
        return app;
    }

    public static async Task<Results<Ok<JournalResponse>, ProblemHttpResult>> ReadJournal(
        long? after, int? limit, IJournalFeed journal, CancellationToken cancellationToken)
    {
        if (after is < 0)
        {
            return Problems.Problems.Invalid("after", "after must be a seq of 0 or more.");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        var page = await journal.ReadAsync(after ?? 0, limit ?? 100, cancellationToken);
        var events = page.Events.Select(e => new JournalEventResponse(
            e.Seq, e.EventId, e.StreamId, e.StreamVersion, e.Type, e.OccurredAt, e.DeviceId, e.BusinessDate,
            JsonDocument.Parse(e.Data).RootElement.Clone(), e.IssuedAt)).ToList();
        return TypedResults.Ok(new JournalResponse(events, page.LastSeq, page.HeadSeq));
    }
}
