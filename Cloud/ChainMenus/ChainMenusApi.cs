using System.Globalization;
using Pos.Cloud.Groups;
using Pos.Cloud.Hosting;
using Pos.Cloud.Menus;
using Pos.Cloud.Stores;
using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;

namespace Pos.Cloud.ChainMenus;

/// <summary>
/// /cloud/v1/chain-menu (HQ token): one base menu for the chain, overrides per group and per store, every change a
/// new version (the ETag; a stale If-Match is 412), published to the chain or a group as each store's whole menu.
/// </summary>
public static class ChainMenusApi
{
    private const string Resource = "the chain menu";

    public static IEndpointRouteBuilder MapChainMenusApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/chain-menu").WithTags("Chain menu").RequireAuthorization();
        hq.MapGet("/", Get).WithName("GetChainMenu").Produces<ChainMenu>().ProducesProblem(StatusCodes.Status404NotFound);
        hq.MapGet("/versions", Versions).WithName("ListChainMenuVersions").Produces<ChainMenuVersionList>();
        hq.MapPut("/base", PutBase).WithName("PutChainMenuBase").Accepts<MenuRequest>("application/json").Produces<ChainMenuVersion>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        hq.MapPut("/groups/{groupId}/override", PutGroupOverride).WithName("PutChainMenuGroupOverride")
            .Accepts<MenuOverrideRequest>("application/json").Produces<ChainMenuVersion>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        hq.MapDelete("/groups/{groupId}/override", DeleteGroupOverride).WithName("DeleteChainMenuGroupOverride")
            .Produces<ChainMenuVersion>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        hq.MapPut("/stores/{storeId}/override", PutStoreOverride).WithName("PutChainMenuStoreOverride")
            .Accepts<MenuOverrideRequest>("application/json").Produces<ChainMenuVersion>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        hq.MapDelete("/stores/{storeId}/override", DeleteStoreOverride).WithName("DeleteChainMenuStoreOverride")
            .Produces<ChainMenuVersion>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        hq.MapGet("/stores", Sources).WithName("ListStoreMenuSources").Produces<StoreMenuSourceList>();
        hq.MapGet("/stores/{storeId}/menu", Compose).WithName("ComposeChainMenuForStore").Produces<ComposedStoreMenu>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hq.MapPost("/publish", Publish).WithName("PublishChainMenu").Accepts<ChainMenuPublishRequest>("application/json")
            .Produces<ChainMenuPublished>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        hq.MapPost("/rollback", RollBack).WithName("RollBackChainMenu").Accepts<ChainMenuPublishRequest>("application/json")
            .Produces<ChainMenuPublished>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> Get(string? version, HttpContext http, ChainMenuStore store, CancellationToken cancellationToken)
    {
        if (!TryVersion(version, out var wanted, out var bad))
        {
            return bad;
        }
        if (await store.ReadAsync(wanted, cancellationToken) is not { } state)
        {
            return VersionNotFound(wanted!.Value);
        }
        if (wanted is null)
        {
            http.Response.Headers.ETag = CloudIfMatch.ETagOf(state.Version);
        }
        return Results.Ok(state.ToWire());
    }

    public static async Task<IResult> Versions(ChainMenuStore store, CancellationToken cancellationToken) =>
        Results.Ok(new ChainMenuVersionList(await store.VersionsAsync(cancellationToken)));

    public static async Task<IResult> PutBase(HttpContext http, ChainMenuStore store, CancellationToken cancellationToken)
    {
        var (menu, problem) = await MenuBody.ReadAsync(http, cancellationToken);
        if (menu is null)
        {
            return problem!;
        }
        return await ChangeAsync(http, store, ChainMenuState.BaseScope, "", menu, cancellationToken);
    }

    public static async Task<IResult> PutGroupOverride(string groupId, MenuOverrideRequest? body, HttpContext http, ChainMenuStore store, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(groupId))
        {
            return GroupsApi.BadGroupId();
        }
        if (!ChainMenuRules.TryConvert(body, out var piece, out var problem))
        {
            return Refused(problem);
        }
        return await ChangeAsync(http, store, ChainMenuState.GroupScope, groupId, piece, cancellationToken);
    }

    public static async Task<IResult> DeleteGroupOverride(string groupId, HttpContext http, ChainMenuStore store, CancellationToken cancellationToken) =>
        StoreIds.IsId(groupId)
            ? await ChangeAsync(http, store, ChainMenuState.GroupScope, groupId, null, cancellationToken)
            : GroupsApi.BadGroupId();

    public static async Task<IResult> PutStoreOverride(string storeId, MenuOverrideRequest? body, HttpContext http, ChainMenuStore store, CancellationToken cancellationToken)
    {
        if (!ChainMenuRules.TryConvert(body, out var piece, out var problem))
        {
            return Refused(problem);
        }
        return await ChangeAsync(http, store, ChainMenuState.StoreScope, storeId, piece, cancellationToken);
    }

    public static async Task<IResult> DeleteStoreOverride(string storeId, HttpContext http, ChainMenuStore store, CancellationToken cancellationToken) =>
        await ChangeAsync(http, store, ChainMenuState.StoreScope, storeId, null, cancellationToken);

    public static async Task<IResult> Compose(string storeId, string? version, ChainMenuPublisher publisher, CancellationToken cancellationToken)
    {
        if (!TryVersion(version, out var wanted, out var bad))
        {
            return bad;
        }
        var (outcome, menu, _) = await publisher.ComposeAsync(storeId, wanted, cancellationToken);
        return outcome switch
        {
            PublishOutcome.Published => Results.Ok(menu),
            PublishOutcome.StoreNotFound => StoreNotFound(storeId),
            PublishOutcome.NoBase => NoBase(),
            _ => VersionNotFound(wanted!.Value),
        };
    }

    public static async Task<IResult> Sources(ChainMenuPublisher publisher, CancellationToken cancellationToken) =>
        Results.Ok(new StoreMenuSourceList(await publisher.SourcesAsync(cancellationToken)));

    public static async Task<IResult> Publish(ChainMenuPublishRequest? body, HttpContext http, ChainMenuPublisher publisher, CancellationToken cancellationToken)
    {
        if (CheckTarget(body, versionRequired: false) is { } bad)
        {
            return bad;
        }
        if (!HqRequestKeys.TryRead(http.Request, "publish", body, null, out var key, out var badKey))
        {
            return badKey!;
        }
        return await Answer(() => publisher.PublishAsync(body?.Version, body?.GroupId, key, cancellationToken), body?.Version, body?.GroupId);
    }

    public static async Task<IResult> RollBack(ChainMenuPublishRequest? body, HttpContext http, ChainMenuPublisher publisher, CancellationToken cancellationToken)
    {
        if (CheckTarget(body, versionRequired: true) is { } bad)
        {
            return bad;
        }
        if (!CloudIfMatch.TryRead(http.Request, out var expected))
        {
            return CloudIfMatch.Unreadable(Resource);
        }
        if (!HqRequestKeys.TryRead(http.Request, "rollback", body, expected?.ToString(CultureInfo.InvariantCulture), out var key, out var badKey))
        {
            return badKey!;
        }
        return await Answer(() => publisher.RollBackAsync(body!.Version!.Value, body.GroupId, expected, key, cancellationToken), body!.Version, body.GroupId, expected);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, ChainMenuStore store, string scope, string scopeId, object? piece, CancellationToken cancellationToken)
    {
        if (!CloudIfMatch.TryRead(http.Request, out var expected))
        {
            return CloudIfMatch.Unreadable(Resource);
        }
        var result = await store.ChangeAsync(scope, scopeId, piece, expected, cancellationToken);
        switch (result.Outcome)
        {
            case ChainMenuOutcome.Changed:
                http.Response.Headers.ETag = CloudIfMatch.ETagOf(result.Made!.Version);
                return Results.Ok(result.Made);
            case ChainMenuOutcome.Stale:
                return CloudIfMatch.Stale(Resource, expected!.Value, result.CurrentVersion);
            case ChainMenuOutcome.GroupNotFound:
                return GroupsApi.NotFound(scopeId);
            case ChainMenuOutcome.StoreNotFound:
                return StoreNotFound(scopeId);
            case ChainMenuOutcome.OverrideNotFound:
                return CloudProblems.Of(404, "override-not-found", "No such override",
                    $"The chain menu's latest version has no override for {scope} '{scopeId}'.");
            default:
                return Refused(result.Problem!);
        }
    }

    private static async Task<IResult> Answer(Func<Task<PublishResult>> publish, int? version, string? groupId, int? expected = null)
    {
        // A database fault is the route group's 503 (AnswersDatabaseFaults): one transaction, nothing published.
        var result = await publish();
        return result.Outcome switch
        {
            PublishOutcome.Published => Results.Ok(result.Published),
            PublishOutcome.Stale => CloudIfMatch.Stale(Resource, expected!.Value, result.CurrentVersion),
            PublishOutcome.NoBase => NoBase(),
            PublishOutcome.VersionNotFound => VersionNotFound(version ?? 0),
            PublishOutcome.GroupNotFound => GroupsApi.NotFound(groupId!),
            PublishOutcome.Answered => HqRequestKeys.Replay(result.Answer!.Value.Status, result.Answer.Value.Json),
            PublishOutcome.KeyReused => HqRequestKeys.Reused(),
            _ => CloudProblems.Of(422, "menu-invalid-for-store", "A store's menu would not be valid",
                $"The menu store '{result.StoreId}' would get is not valid: {result.Problem!.Detail} Nothing was published.",
                new Dictionary<string, object?>
                {
                    ["storeId"] = result.StoreId,
                    ["errors"] = new Dictionary<string, string[]> { [result.Problem.Field] = [result.Problem.Detail] },
                }),
        };
    }

    private static IResult? CheckTarget(ChainMenuPublishRequest? body, bool versionRequired)
    {
        if (body?.Version is < 1 || (versionRequired && body?.Version is null))
        {
            return CloudProblems.Invalid("version", versionRequired
                ? "version is required: the chain-menu version to go back to (1, 2, 3...)."
                : "version must be a chain-menu version (1, 2, 3...), or left out for the latest.");
        }
        return body?.GroupId is { } groupId && !StoreIds.IsId(groupId) ? GroupsApi.BadGroupId() : null;
    }

    private static bool TryVersion(string? text, out int? version, out IResult bad)
    {
        version = null;
        bad = Results.Empty;
        if (text is null)
        {
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
        {
            bad = CloudProblems.Invalid("version", "version must be a chain-menu version number: 1, 2, 3...");
            return false;
        }
        version = v;
        return true;
    }

    private static IResult Refused(ChainMenuProblem problem) => CloudProblems.Of(
        problem.Code == ChainMenuRules.UnknownMenuItem ? 422 : problem.Code == "chain-menu-has-no-base" ? 409 : 400,
        problem.Code, "The chain menu change is not valid", problem.Detail,
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Detail] } });

    private static IResult NoBase() => CloudProblems.Of(409, "chain-menu-has-no-base", "The chain menu has no base menu",
        "The chain menu has no base menu yet; PUT /cloud/v1/chain-menu/base first.");

    private static IResult VersionNotFound(int version) => CloudProblems.Of(404, "chain-menu-version-not-found", "No such chain-menu version",
        $"The chain menu has no version {version}; GET /cloud/v1/chain-menu/versions lists them.");

    private static IResult StoreNotFound(string storeId) => CloudProblems.Of(404, "store-not-found", "No such store",
        $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.");
}
