using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Idempotency;
using Pos.Api.Requests;
using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Menu;

namespace Pos.Api.Menu;

/// <summary>/api/v1/menu: the menu in force.</summary>
public static class MenuApi
{
    public static IEndpointRouteBuilder MapMenuApi(this IEndpointRouteBuilder app)
    {
        var menu = app.MapGroup("/api/v1/menu").WithTags("Menu").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        menu.MapGet("/", GetMenu).WithName("GetMenu").ProducesProblem(404);
        menu.MapPut("/", ReplaceMenu).WithName("ReplaceMenu").WithBodyLimit(BodyLimits.Menu).ProducesProblem(413)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422).ProducesProblem(503);
        return app;
    }

    /// <summary>The menu in force: from memory once the menu grain has published it, so it answers while the database is away.</summary>
    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> GetMenu(MenuCatalog catalog, IGrainFactory grains)
    {
        var menu = catalog.Current ?? await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();
        return menu is null
            ? Problems.Problems.Of(ErrorCodes.MenuNotSet, "No menu yet; PUT /api/v1/menu sets one.")
            : TypedResults.Ok(menu);
    }

    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> ReplaceMenu(MenuRequest? body, HttpContext http, IGrainFactory grains)
    {
        // No body at all is a menu without its parts: currency is the first one missing.
        if (!(body ?? new MenuRequest(null, null)).TryToDefinition(out var definition, out var field, out var detail))
        {
            return Problems.Problems.Invalid(field, detail);
        }
        var context = new CommandContext(http.User.DeviceId(), http.Features.Get<IdempotencyFeature>()?.Key);
        var result = await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Replace(definition, context);
        if (result.Error is { } error)
        {
            return Problems.Problems.Of(error);
        }
        http.Response.Headers.ETag = $"\"{result.Menu!.Version}\"";
        return TypedResults.Ok(result.Menu);
    }
}
