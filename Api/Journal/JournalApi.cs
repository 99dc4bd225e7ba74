using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;
using Pos.Api.Auth;
using Pos.Contracts.Permissions;

namespace Pos.Api.Journal;

/// <summary>/api/v1/journal: the store journal, read in seq order.</summary>
public static class JournalApi
{
    public const int MaxLimit = 1_000;

    public static IEndpointRouteBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/journal", ReadJournal).WithTags("Journal").WithName("ReadJournal").RequiresPermission(PermissionNames.JournalRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(503)
            .Describe("Read the journal after a seq",
                "Events in seq order, gapless, a page at a time: send the answer's lastSeq as after to read on; hasMore is false once the head is reached. " +
                "An after beyond the head answers no events and lastSeq at the head.");
        return app;
    }

    /// <summary>A page of the journal.</summary>
    /// <param name="after">Give the events after this seq: 0 (or none) from the start, else the lastSeq of the previous page.</param>
    /// <param name="limit">How many events a page holds at most.</param>
    /// <param name="journal">Where the events are read.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<JournalResponse>, ProblemHttpResult>> ReadJournal(
        [DefaultValue(0L)] long? after, [Range(1, MaxLimit), DefaultValue(100)] int? limit, IJournalFeed journal, CancellationToken cancellationToken)
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
        var events = page.Events.Select(e => e.ToResponse()).ToList();
        // The head is read after the events, so it is at least the last of them; an `after` past it does not move the cursor there.
        var head = Math.Max(page.HeadSeq, events.Count > 0 ? events[^1].Seq : 0);
        var last = Math.Min(page.LastSeq, head);
        return TypedResults.Ok(new JournalResponse(events, last, head, last < head));
    }
}
