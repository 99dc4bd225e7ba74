using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.OpenApi;
using Pos.Contracts.Menu;
using Pos.Contracts.Permissions;
using Pos.Contracts.Requests;
using Pos.Grains.Menu;

namespace Pos.Api.Menu;

/// <summary>PUT /api/v1/menu/items/{itemId}/availability: the 86.</summary>
public static class ItemAvailabilityApi
{
    public static RouteGroupBuilder MapItemAvailability(this RouteGroupBuilder menu)
    {
        menu.MapPut("/items/{itemId}/availability", SetAvailability).WithName("SetItemAvailability")
            .RequiresPermission(PermissionNames.MenuAvailability)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422)
            .HonoursIdempotencyKey().RefusedByPolicy()
            .Describe("Mark an item sold out or available (the 86)",
                "status sold-out refuses every new line of the item (409 item-sold-out). status available with remaining counts " +
                "what is left: each line added takes its quantity in its own transaction and is refused once too few are left " +
                "(409 item-sold-out at 0, 409 not-enough-left with remaining when fewer than the quantity). Voiding a line not " +
                "yet fired gives its quantity back. Without remaining the item is available and not counted. Each change is a " +
                "journal entry of the availability stream, so devices see it live (GET /api/v1/events).");
        return menu;
    }

    public static async Task<Results<Ok<ItemAvailabilityView>, ProblemHttpResult>> SetAvailability(
        string itemId, ItemAvailabilityRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (TextRules.Check("itemId", itemId, 64, required: true, identifier: true) is { } badId)
        {
            return Problems.Problems.Of(badId);
        }
        var soldOut = body?.Status switch
        {
            ItemAvailabilityStatus.Available => false,
            ItemAvailabilityStatus.SoldOut => true,
            _ => (bool?)null,
        };
        if (soldOut is null)
        {
            return Problems.Problems.Invalid("status", "status is required: available or sold-out.");
        }
        if (await CommandPolicyCheck.RefusalAsync(http, "item-availability") is { } refused)
        {
            return refused;
        }
        var result = await grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key)
            .Set(itemId, soldOut.Value, body!.Remaining, http.CommandContextOf(null));
        return result.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(result.Item!.ToWire());
    }
}
