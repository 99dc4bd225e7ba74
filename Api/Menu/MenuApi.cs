using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Idempotency;
using Pos.Grains.Commands;
using Pos.Grains.Menu;

namespace Pos.Api.Menu;

/// <summary>A whole menu to put in force.</summary>
public sealed record MenuRequest([property: Required] string? Currency, [property: Required] IReadOnlyList<MenuItemRequest>? Items);

/// <summary>One menu item: price in minor units, tax rate in basis points, the station that prepares it.</summary>
public sealed record MenuItemRequest(
    [property: Required] string? Id,
    [property: Required] string? Name,
    [property: Required] long? PriceMinor,
    [property: Required] int? TaxRateBp,
    [property: Required] string? Station);

/// <summary>/api/v1/menu: the menu in force.</summary>
public static class MenuApi
{
    public static IEndpointRouteBuilder MapMenuApi(this IEndpointRouteBuilder app)
    {
        var menu = app.MapGroup("/api/v1/menu").WithTags("Menu").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        menu.MapGet("/", GetMenu).WithName("GetMenu").ProducesProblem(404);
        menu.MapPut("/", ReplaceMenu).WithName("ReplaceMenu")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422).ProducesProblem(503);
        return app;
    }

    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> GetMenu(IGrainFactory grains)
    {
        var menu = await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();
        return menu is null
            ? Problems.Problems.Of(ErrorCodes.MenuNotSet, "No menu yet; PUT /api/v1/menu sets one.")
            : TypedResults.Ok(menu);
    }

    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> ReplaceMenu(MenuRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (body?.Currency is not { } currency)
        {
            return Problems.Problems.Invalid("currency", "currency is required, e.g. USD.");
        }
        if (body.Items is not { } items)
        {
            return Problems.Problems.Invalid("items", "items is required (it may be empty).");
        }
        var converted = new List<MenuItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item?.PriceMinor is not { } price || item.TaxRateBp is not { } rate)
            {
                return Problems.Problems.Invalid($"items[{i}]", "each item needs id, name, priceMinor, taxRateBp and station.");
            }
            converted.Add(new MenuItem(item.Id ?? "", item.Name ?? "", price, rate, item.Station ?? ""));
        }
        var context = new CommandContext(http.User.DeviceId(), http.Features.Get<IdempotencyFeature>()?.ToRequest(StatusCodes.Status200OK));
        var result = await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Replace(new MenuDefinition(currency, converted), context);
        if (result.Error is { } error)
        {
            return Problems.Problems.Of(error);
        }
        http.Response.Headers.ETag = $"\"{result.Menu!.Version}\"";
        return TypedResults.Ok(result.Menu);
    }
}
