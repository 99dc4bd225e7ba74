using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.OpenApi;
using Pos.Api.Requests;
using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Menu;
using MenuView = Pos.Contracts.Menu.MenuView;
using Pos.Contracts.Permissions;

namespace Pos.Api.Menu;

/// <summary>/api/v1/menu: the menu in force.</summary>
public static class MenuApi
{
    public static IEndpointRouteBuilder MapMenuApi(this IEndpointRouteBuilder app, RequestLimits limits)
    {
        var menu = app.MapGroup("/api/v1/menu").WithTags("Menu")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        menu.MapGet("/", GetMenu).WithName("GetMenu").RequiresPermission(PermissionNames.MenuRead).ProducesProblem(404).AnswersETag("the menu")
            .Describe("Read the menu in force",
                "Answers from memory once the menu is loaded, so it answers while the database is away. The ETag is the menu's version.");
        menu.MapPut("/", ReplaceMenu).WithName("ReplaceMenu").RequiresPermission(PermissionNames.MenuWrite).WithBodyLimit(limits.Bulk)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .HonoursIdempotencyKey().HonoursIfMatch("the menu").AnswersETag("the menu").RefusedByPolicy()
            .TakesFreeText("items[].name", "items[].station", "categories[].name", "items[].modifierGroups[].name",
                "items[].modifierGroups[].options[].name")
            .Describe("Replace the whole menu",
                "The menu sent replaces every item at once. Send If-Match with the " +
                "ETag last read so a change made meanwhile is not overwritten (412 version-mismatch, with currentVersion).");
        menu.MapItemAvailability();
        return app;
    }

    /// <summary>The menu in force: from memory once the menu grain has published it, so it answers while the database is away.</summary>
    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> GetMenu(
        HttpContext http, MenuCatalog catalog, AvailabilityCatalog availability, IGrainFactory grains)
    {
        var menu = catalog.Current ?? await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();
        if (menu is null)
        {
            return Problems.Problems.Of(ErrorCodes.MenuNotSet, "No menu yet; PUT /api/v1/menu sets one.");
        }
        http.Response.Headers.ETag = IfMatch.ETagOf(menu.Version);
        var counts = availability.Current ?? await grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Get();
        return TypedResults.Ok(menu.ToWire() with { Availability = [.. counts.Items.Select(i => i.ToWire())], AvailabilityVersion = counts.Version });
    }

    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> ReplaceMenu(
        MenuRequest? body, HttpContext http, MenuCatalog catalog, IGrainFactory grains)
    {
        if (!IfMatch.TryRead(http.Request, out var expected))
        {
            return IfMatch.Unreadable("the menu");
        }
        // No body at all is a menu without its parts: currency is the first one missing.
        if (!(body ?? new MenuRequest(null, null)).TryToDefinition(out var definition, out var field, out var detail))
        {
            return Problems.Problems.Invalid(field, detail);
        }
        if (await CommandPolicyCheck.RefusalAsync(http, "replace-menu") is { } refused)
        {
            return refused;
        }
        var context = http.CommandContextOf(expected);
        var grain = grains.GetGrain<IMenuGrain>(MenuGrainKey.Store);
        var result = await grain.Replace(definition, context);
        if (result.Error is { } error)
        {
            return error.Code == ErrorCodes.VersionMismatch
                ? Problems.Problems.Of(error.Code, error.Detail, new Dictionary<string, object?>
                {
                    ["currentVersion"] = (catalog.Current ?? await grain.Get())?.Version ?? 0,
                })
                : Problems.Problems.Of(error);
        }
        http.Response.Headers.ETag = IfMatch.ETagOf(result.Menu!.Version);
        return TypedResults.Ok(result.Menu.ToWire());
    }
}
