using Pos.Cloud.Hosting;
using Pos.Cloud.Stores;
using Pos.Contracts.Cloud;
using Pos.Contracts.Requests;

namespace Pos.Cloud.Groups;

/// <summary>
/// /cloud/v1/groups (HQ token): groups of stores (a region, a brand), each with its whole member list; a store may
/// be in several. Versioned: the ETag is the group's version, a stale If-Match is 412 and changes nothing. DELETE
/// answers the group as it was.
/// </summary>
public static class GroupsApi
{
    public const int MaxMembers = 10_000;
    private const int MaxKindLength = 40;
    private const string Resource = "the group";

    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/groups").WithTags("Groups").RequireAuthorization();
        hq.MapPut("/{groupId}", Put).WithName("PutStoreGroup")
            .Accepts<StoreGroupRequest>("application/json").Produces<StoreGroup>(StatusCodes.Status201Created).Produces<StoreGroup>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        hq.MapGet("/", List).WithName("ListStoreGroups").Produces<StoreGroupList>();
        hq.MapGet("/{groupId}", Get).WithName("GetStoreGroup").Produces<StoreGroup>().ProducesProblem(StatusCodes.Status404NotFound);
        hq.MapDelete("/{groupId}", Delete).WithName("DeleteStoreGroup").Produces<StoreGroup>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    public static async Task<IResult> Put(string groupId, StoreGroupRequest? body, HttpContext http, StoreGroups groups, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(groupId))
        {
            return BadGroupId();
        }
        if (!CloudIfMatch.TryRead(http.Request, out var expected))
        {
            return CloudIfMatch.Unreadable(Resource);
        }
        if (TextRules.Check("name", body?.Name?.Trim(), StoresApi.MaxNameLength, required: true) is { } badName)
        {
            return CloudProblems.Refused(badName, "name");
        }
        var kind = body!.Kind?.Trim() ?? "";
        if (TextRules.Check("kind", kind, MaxKindLength) is { } badKind)
        {
            return CloudProblems.Refused(badKind, "kind");
        }
        if (body.Stores is not { } stores || stores.Count > MaxMembers)
        {
            return CloudProblems.Invalid("stores", $"stores is required: the whole member list, up to {MaxMembers} store ids (it may be empty).");
        }
        for (var i = 0; i < stores.Count; i++)
        {
            if (!StoreIds.IsId(stores[i]))
            {
                return CloudProblems.Invalid($"stores[{i}]", StoreIds.Rule);
            }
        }
        var members = stores.Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        var result = await groups.PutAsync(groupId, body.Name!.Trim(), kind, body.Precedence ?? 0, members, expected, cancellationToken);
        switch (result.Change)
        {
            case GroupChange.UnknownStores:
                return CloudProblems.Of(422, "unknown-store", "The group names stores nobody registered",
                    $"No store is registered as {string.Join(", ", result.UnknownStores!.Select(s => $"'{s}'"))}; register them "
                    + "(PUT /cloud/v1/stores/{storeId}) or leave them out. Nothing was changed.",
                    new Dictionary<string, object?> { ["unknownStores"] = result.UnknownStores });
            case GroupChange.Stale:
                return CloudIfMatch.Stale(Resource, expected!.Value, result.CurrentVersion);
            default:
                var group = result.Group!;
                http.Response.Headers.ETag = CloudIfMatch.ETagOf(group.Version);
                return result.Change == GroupChange.Created ? Results.Created($"/cloud/v1/groups/{groupId}", group) : Results.Ok(group);
        }
    }

    public static async Task<IResult> List(StoreGroups groups, CancellationToken cancellationToken) =>
        Results.Ok(new StoreGroupList(await groups.ListAsync(cancellationToken)));

    public static async Task<IResult> Get(string groupId, HttpContext http, StoreGroups groups, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(groupId))
        {
            return BadGroupId();
        }
        if (await groups.GetAsync(groupId, cancellationToken) is not { } group)
        {
            return NotFound(groupId);
        }
        http.Response.Headers.ETag = CloudIfMatch.ETagOf(group.Version);
        return Results.Ok(group);
    }

    public static async Task<IResult> Delete(string groupId, HttpContext http, StoreGroups groups, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(groupId))
        {
            return BadGroupId();
        }
        if (!CloudIfMatch.TryRead(http.Request, out var expected))
        {
            return CloudIfMatch.Unreadable(Resource);
        }
        var result = await groups.DeleteAsync(groupId, expected, cancellationToken);
        return result.Change switch
        {
            GroupChange.Deleted => Results.Ok(result.Group),
            GroupChange.NotFound => NotFound(groupId),
            GroupChange.Stale => CloudIfMatch.Stale(Resource, expected!.Value, result.CurrentVersion),
            _ => CloudProblems.Of(409, "group-has-menu-override", "The chain menu has an override for this group",
                $"The chain menu's latest version has an override for group '{groupId}'; delete it first "
                + $"(DELETE /cloud/v1/chain-menu/groups/{groupId}/override), then the group."),
        };
    }

    public static IResult BadGroupId() =>
        CloudProblems.Invalid("groupId", "groupId must be 1-64 letters, digits, '-' or '_'.");

    public static IResult NotFound(string groupId) => CloudProblems.Of(404, "group-not-found", "No such group",
        $"No group '{groupId}'; PUT /cloud/v1/groups/{{groupId}} makes one.");
}
