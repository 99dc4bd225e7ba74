using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Pos.Cloud.Hosting;
using Pos.Cloud.Stores;
using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;
using Pos.Hosting.Access;

namespace Pos.Cloud.Menus;

/// <summary>
/// /cloud/v1/stores/{storeId}/menu: headquarters publishes menus (HQ token), every version kept; the store pulls
/// the latest from /menu/published, signed with its own secret over the request path.
/// </summary>
public static class MenusApi
{
    private const string StoreNotFound = "store-not-found";
    private const string MenuNotPublished = "menu-not-published";

    public static IEndpointRouteBuilder MapMenusApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/stores/{storeId}/menu").WithTags("Menus").RequireAuthorization();
        hq.MapPut("/", Publish).WithName("PublishMenu")
            .Accepts<MenuRequest>("application/json").Produces<MenuPublished>(StatusCodes.Status201Created);
        hq.MapGet("/", Get).WithName("GetPublishedMenu").Produces<PublishedMenu>();
        hq.MapGet("/versions", Versions).WithName("ListMenuVersions").Produces<MenuVersionList>();
        // Signed by the store itself, not by HQ.
        app.MapGet("/cloud/v1/stores/{storeId}/menu/published", Pull).WithTags("Menus").WithName("PullMenu")
            .Produces<PublishedMenu>().Produces(StatusCodes.Status204NoContent);
        return app;
    }

    public static async Task<IResult> Publish(string storeId, HttpContext http, StoreMenus menus, CancellationToken cancellationToken)
    {
        var (menu, problem) = await MenuBody.ReadAsync(http, cancellationToken);
        if (menu is null)
        {
            return problem!;
        }
        var published = await menus.PublishAsync(storeId, menu, cancellationToken);
        return published is null
            ? UnknownStore(storeId)
            : Results.Created($"/cloud/v1/stores/{storeId}/menu?version={published.Version}",
                new MenuPublished(storeId, published.Version, published.PublishedAt));
    }

    public static async Task<IResult> Get(string storeId, string? version, StoreMenus menus, CancellationToken cancellationToken)
    {
        int? wanted = null;
        if (version is not null)
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                return CloudProblems.Invalid("version", "version must be a published version number: 1, 2, 3...");
            }
            wanted = v;
        }
        var found = await menus.GetAsync(storeId, wanted, after: null, cancellationToken);
        if (!found.StoreKnown)
        {
            return UnknownStore(storeId);
        }
        return found.Menu is { } menu ? Results.Ok(menu) : NotPublished(storeId, found.LatestVersion, wanted);
    }

    public static async Task<IResult> Versions(string storeId, StoreMenus menus, CancellationToken cancellationToken) =>
        await menus.VersionsAsync(storeId, cancellationToken) is { } versions
            ? Results.Ok(new MenuVersionList(storeId, versions))
            : UnknownStore(storeId);

    /// <summary>
    /// The store's own pull: X-Pos-Signature over the request path as sent (without the query), with the secret of
    /// the store the path names, so a store can only ever read its own menu. ?after=N answers 204 while nothing
    /// newer than version N is published.
    /// </summary>
    public static async Task<IResult> Pull(
        string storeId, string? after, HttpContext http, StoreRegistry registry, StoreMenus menus, FailedAuthenticationLimit failures,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var header = http.Request.Headers[BatchSignature.Header].ToString();
        // The header first: a request without a well-formed, fresh one costs no lookup.
        var refusal = BatchSignature.Parse(header, now, out _);
        var keys = refusal is null ? await StoresApi.KeysAsync(registry, storeId, http, failures, cancellationToken) : null;
        var signed = Encoding.UTF8.GetBytes(SignedPath(http));
        // An unknown store and a wrong signature look the same from outside.
        refusal ??= keys is null ? "No store with this id and secret." : keys.Verify(header, now, signed);
        if (refusal is not null && keys is not null && StoresApi.Reload(registry, storeId, http, failures) is { } reload
            && await reload(keys, cancellationToken) is { } fresh)
        {
            refusal = fresh.Verify(header, now, signed); // rotated through another silo
        }
        if (refusal is not null)
        {
            return StoresApi.Unauthenticated(http, failures, refusal, now, bodyRead: true);
        }
        long? known = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var a))
            {
                return CloudProblems.Invalid("after", "after must be the menu version the store has (0 or more).");
            }
            known = a;
        }
        var found = await menus.GetAsync(storeId, version: null, known, cancellationToken);
        if (found.LatestVersion == 0)
        {
            return NotPublished(storeId, 0, null);
        }
        return found.Menu is { } menu ? Results.Ok(menu) : Results.NoContent();
    }

    /// <summary>The path of the request exactly as the client sent it, without the query string.</summary>
    public static string SignedPath(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = (http.Request.PathBase + http.Request.Path).ToUriComponent();
        }
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }

    private static IResult UnknownStore(string storeId) => CloudProblems.Of(404, StoreNotFound, "No such store",
        $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.");

    private static IResult NotPublished(string storeId, int latest, int? wanted) => CloudProblems.Of(404, MenuNotPublished, "No such menu",
        latest == 0
            ? $"No menu has been published to store '{storeId}' yet; PUT /cloud/v1/stores/{storeId}/menu publishes one."
            : $"Store '{storeId}' has no menu version {wanted}; the latest is {latest}.");
}
