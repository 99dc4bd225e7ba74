using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.OpenApi;
using Pos.Api.Requests;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using OrderView = Pos.Contracts.Orders.OrderView;

namespace Pos.Api.Orders;

/// <summary>/api/v1/orders/{orderId}: discounts and comps, tip adjustments, refunds.</summary>
public static class OrderMoneyApi
{
    public static IEndpointRouteBuilder MapOrderMoneyApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapPost("/{orderId:guid}/discounts", ApplyDiscount).WithName("ApplyDiscount").RequiresPermission(PermissionNames.DiscountsApply)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("reason").Describe("Give a discount or a comp",
                "On a line (lineId) or the whole order, by percentBp or amountMinor, with a reason; comp: true is 100 % off, counted as a comp. " +
                "Net before tax, never below zero, by the rounding rule of docs/CONFLICTS.md. A comp, or a discount above 20 % of what it is on, " +
                "needs permission discounts.above-threshold: a role without it is 403 permission-denied unless a manager approves with their PIN " +
                "in the Pos-Approval header. 409 order-closed, line-voided, discount-too-large (more than remains), discount-below-paid (payments " +
                "taken cover more than the discounted total), discount-exists (the id with other details).");
        orders.MapDelete("/{orderId:guid}/discounts/{discountId:guid}", RemoveDiscount).WithName("RemoveDiscount").RequiresPermission(PermissionNames.DiscountsApply)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().Describe("Take a discount back",
                "Before the order closes (409 order-closed after); 404 discount-not-found. Removing one already removed changes nothing (duplicate).");
        orders.MapPost("/{orderId:guid}/payments/{paymentId:guid}/tip", AdjustTip).WithName("AdjustTip").RequiresPermission(PermissionNames.PaymentsAdjustTip)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().Describe("Adjust a card payment's tip",
                "Sets the tip of a card (or other) payment, also after close, until the order's business day is sealed (409 business-day-sealed). " +
                "A cash payment's tip is in the drawer: 409 tip-not-adjustable. 404 payment-not-found.");
        orders.MapPost("/{orderId:guid}/refunds", Refund).WithName("Refund").RequiresPermission(PermissionNames.PaymentsRefund)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("reason").Describe("Refund on a closed order",
                "A new event linked to the closed order, whose sales never change; it counts for the business date it is given on (which may be " +
                "after the order's date was sealed). At most what was paid less what was refunded, and for lineIds at most what those lines were " +
                "charged with tax (409 refund-exceeds-paid); 409 order-not-closed, line-voided, refund-exists. A cash refund comes out of the " +
                "refunding person's open drawer session as a pay-out.");
        return app;
    }

    /// <summary>
    /// A discount. Whether the sender may go above the threshold (or comp) is decided here (its role, or a manager's
    /// approval sent with this request) and told to the order, which alone knows what the discount takes when it applies.
    /// </summary>
    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> ApplyDiscount(
        Guid orderId, ApplyDiscountRequest? body, HttpContext http, IGrainFactory grains, PermissionGate gate)
    {
        const string above = PermissionNames.DiscountsAboveThreshold;
        if (Permissions.VerdictOf(http.User.Role(), above) == Verdict.NeedsApproval
            && http.Request.Headers.ContainsKey(IManagerApproval.Header)
            && await gate.CheckRequestAsync(http, above, PermissionGate.TargetOf(http)) is { } refused)
        {
            return refused.Problem();
        }
        var sender = CommandSender.Of(http);
        return await OrdersApi.Send(http, grains, orderId, OrderMoneyCalls.ApplyDiscount(body, MayGoAboveThreshold(sender)));
    }

    /// <summary>Whether <paramref name="sender"/> may give a comp or a discount above the threshold.</summary>
    public static bool MayGoAboveThreshold(CommandSender sender) =>
        Permissions.VerdictOf(sender.User.Role(), PermissionNames.DiscountsAboveThreshold) switch
        {
            Verdict.Allowed => true,
            Verdict.NeedsApproval => sender.Approval?.Permission == PermissionNames.DiscountsAboveThreshold,
            _ => false,
        };

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> RemoveDiscount(
        Guid orderId, Guid discountId, HttpContext http, IGrainFactory grains)
    {
        if (NoBody.Refusal(http.Request, "DELETE /api/v1/orders/{orderId}/discounts/{discountId}") is { } body)
        {
            return body;
        }
        return await OrdersApi.Send(http, grains, orderId, OrderMoneyCalls.RemoveDiscount(discountId));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AdjustTip(
        Guid orderId, Guid paymentId, AdjustTipRequest? body, HttpContext http, IGrainFactory grains) =>
        await OrdersApi.Send(http, grains, orderId, OrderMoneyCalls.AdjustTip(paymentId, body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Refund(
        Guid orderId, RefundRequest? body, HttpContext http, IGrainFactory grains) =>
        await OrdersApi.Send(http, grains, orderId, OrderMoneyCalls.Refund(body));
}
