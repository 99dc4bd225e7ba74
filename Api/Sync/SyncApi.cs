using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;

namespace Pos.Api.Sync;

/// <summary>
/// How far the cloud's copy of the journal is behind. <c>pending</c> is <c>journalHeadSeq - ackedSeq</c>;
/// <c>online</c> says whether the last attempt to reach the cloud succeeded. <c>cloudUrl</c> is null when the
/// store is not linked to a cloud (then nothing is sent and <c>lastError</c> says how to link it).
/// </summary>
public sealed record SyncStatusResponse(
    string? CloudUrl,
    string? StoreId,
    long JournalHeadSeq,
    long AckedSeq,
    long Pending,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    bool Online,
    DateTimeOffset? NextAttemptAt,
    int MenuVersion,
    double ClockOffsetSeconds);

/// <summary>What the host knows of the replay to the cloud.</summary>
public interface ISyncStatusSource
{
    Task<SyncStatusResponse> GetAsync(CancellationToken cancellationToken);
}

/// <summary>/api/v1/sync: the state of the journal's replay to the cloud.</summary>
public static class SyncApi
{
    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sync/status", Status).WithTags("Sync").WithName("SyncStatus").RequireAuthorization()
            .ProducesProblem(401).ProducesProblem(503)
            .Describe("How far the cloud's copy of the journal is behind");
        return app;
    }

    public static async Task<Ok<SyncStatusResponse>> Status(ISyncStatusSource source, CancellationToken cancellationToken) =>
        TypedResults.Ok(await source.GetAsync(cancellationToken));
}
