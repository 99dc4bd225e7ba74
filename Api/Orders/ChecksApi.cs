using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Grains.Orders;
using OrderView = Pos.Contracts.Orders.OrderView;

namespace Pos.Api.Orders;

/// <summary>
/// /api/v1/orders/{orderId}/...: moving, splitting, merging and transferring checks, and the end of the day's carry-over
/// and close with a reason. Each is one command (keyed, journaled) across every order it touches.
/// </summary>
public static class ChecksApi
{
    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapPost("/{orderId:guid}/move-lines", MoveLines).WithName("MoveLines").RequiresPermission(PermissionNames.OrdersWrite)
            .CheckCommand().Describe("Move lines to another order",
                "One transaction across both orders: the lines leave this order and join toOrderId as they stand (a fired line stays fired; " +
                "no ticket prints again). A line moved or voided meanwhile is 409 line-moved / line-voided; lines leave an order only while " +
                "what stays covers its payments (409 line-paid). Sent again, it answers duplicate. Answers this order.");
        orders.MapPost("/{orderId:guid}/merge", Merge).WithName("MergeOrders").RequiresPermission(PermissionNames.OrdersWrite)
            .CheckCommand().Describe("Merge another order into this one",
                "fromOrderId's lines (voided ones stay) and payments join this order in one transaction, and fromOrderId closes merged " +
                "(mergedInto). A closed order on either side is 409 order-closed. Answers this order.");
        orders.MapPost("/{orderId:guid}/split", Split).WithName("SplitOrder").RequiresPermission(PermissionNames.OrdersWrite)
            .CheckCommand().Describe("Split the order: by lines, by seat or evenly",
                "lines: each group's lines go to a new order (its orderId chosen by the client). seats: one new order per seat, lines " +
                "without a seat stay. even: the balance is split into parts that add up to it to the cent (balance / parts each, the first " +
                "balance mod parts one more minor unit), payable on this order. New orders carry splitFrom. Answers {orders}: this order first.");
        orders.MapPost("/{orderId:guid}/transfer", Transfer).WithName("TransferOrder").RequiresPermission(PermissionNames.OrdersWrite)
            .CheckCommand().TakesFreeText("table").Describe("Move the order to another table or server",
                "table and/or employeeId (the person who owns the order from now on: serverId). The same transfer again is a duplicate.");
        orders.MapPost("/{orderId:guid}/carry-over", CarryOver).WithName("CarryOverOrder").RequiresPermission(PermissionNames.OrdersCloseOut)
            .CheckCommand().Describe("Carry an open order over to the current business date",
                "For an order of a business date that is over (else 409 business-day-not-over): a new order (newOrderId, or one derived " +
                "from this order's id) opens today with its lines and payments (carriedFrom), and this one closes carried over with nothing " +
                "in it (carriedOverTo), so its date can be sealed with no sales from it. Answers {orders}: this order, then the new one.");
        orders.MapPost("/{orderId:guid}/close-with-reason", CloseWithReason).WithName("CloseOrderWithReason").RequiresPermission(PermissionNames.OrdersCloseOut)
            .CheckCommand().TakesFreeText("reason").Describe("Close an order with a reason",
                "A manager closes an order that will not be paid (a walk-out): what is still owed is written off (writtenOffMinor) and the " +
                "daily report shows it apart (writtenOffMinor, ordersWrittenOff).");
        return app;
    }

    private static RouteHandlerBuilder CheckCommand(this RouteHandlerBuilder route) =>
        route.ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .HonoursIdempotencyKey().HonoursIfMatch("the order").AnswersETag("the order").RefusedByPolicy()
            .AnswersHeader(OrderCommandSender.OutcomeHeader, "What the command did: applied, duplicate, conflict or rejected (docs/CONFLICTS.md).");

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> MoveLines(
        Guid orderId, MoveLinesRequest? body, HttpContext http, IGrainFactory grains) =>
        One(await SendAsync(http, grains, orderId, CheckCalls.MoveLines(grains, orderId, body)));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Merge(
        Guid orderId, MergeOrderRequest? body, HttpContext http, IGrainFactory grains) =>
        One(await SendAsync(http, grains, orderId, CheckCalls.Merge(grains, orderId, body)));

    public static async Task<Results<Ok<OrderSetResponse>, ProblemHttpResult>> Split(
        Guid orderId, SplitOrderRequest? body, HttpContext http, IGrainFactory grains) =>
        Set(await SendAsync(http, grains, orderId, CheckCalls.Split(grains, orderId, body)));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Transfer(
        Guid orderId, TransferOrderRequest? body, HttpContext http, IGrainFactory grains) =>
        One(await SendAsync(http, grains, orderId, CheckCalls.Transfer(body)));

    public static async Task<Results<Ok<OrderSetResponse>, ProblemHttpResult>> CarryOver(
        Guid orderId, CarryOverRequest? body, HttpContext http, IGrainFactory grains) =>
        Set(await SendAsync(http, grains, orderId, CheckCalls.CarryOver(grains, orderId, body)));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CloseWithReason(
        Guid orderId, CloseWithReasonRequest? body, HttpContext http, IGrainFactory grains) =>
        One(await SendAsync(http, grains, orderId, CheckCalls.CloseWithReason(body)));

    private static async Task<(OrderResult? Result, ProblemHttpResult? Problem)> SendAsync(
        HttpContext http, IGrainFactory grains, Guid orderId, (OrderCall? Call, CommandError? Error) mapped)
    {
        if (mapped.Error is { } invalid)
        {
            return (null, Problems.Problems.Of(invalid));
        }
        var call = mapped.Call!;
        return await OrderCommandSender.SendAsync(http, call.Command, ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
    }

    private static Results<Ok<OrderView>, ProblemHttpResult> One((OrderResult? Result, ProblemHttpResult? Problem) sent) =>
        sent.Problem is { } problem ? problem : TypedResults.Ok(sent.Result!.Order!.ToWire());

    private static Results<Ok<OrderSetResponse>, ProblemHttpResult> Set((OrderResult? Result, ProblemHttpResult? Problem) sent) =>
        sent.Problem is { } problem
            ? problem
            : TypedResults.Ok(new OrderSetResponse(sent.Result!.Orders.Count > 0
                ? [.. sent.Result.Orders.Select(o => o.ToWire())]
                : [sent.Result.Order!.ToWire()]));
}
