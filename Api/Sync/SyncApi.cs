using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;
using Pos.Contracts.Sync;
using Pos.Api.Auth;
using Pos.Contracts.Permissions;

namespace Pos.Api.Sync;

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
        app.MapGet("/api/v1/sync/status", Status).WithTags("Sync").WithName("SyncStatus").RequiresPermission(PermissionNames.SyncStatus)
            .ProducesProblem(401).ProducesProblem(503)
            .Describe("How far the cloud's copy of the journal is behind");
        return app;
    }

    public static async Task<Ok<SyncStatusResponse>> Status(ISyncStatusSource source, CancellationToken cancellationToken) =>
        TypedResults.Ok(await source.GetAsync(cancellationToken));
}
