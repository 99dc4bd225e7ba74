using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>/api/v1/orders: open, add lines, void, fire, pay, close, read.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapPost("/", OpenOrder).WithName("OpenOrder")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapGet("/", ListOrders).WithName("ListOrders").ProducesProblem(400);
        orders.MapGet("/{orderId:guid}", GetOrder).WithName("GetOrder").ProducesProblem(404);
        orders.MapPost("/{orderId:guid}/lines", AddLine).WithName("AddLine")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/lines/{lineId:guid}/void", VoidLine).WithName("VoidLine")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/fire", FireOrder).WithName("FireOrder")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/payments", AddPayment).WithName("AddPayment")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/close", CloseOrder).WithName("CloseOrder")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        return app;
    }

    public static async Task<Results<Created<OrderView>, ProblemHttpResult>> OpenOrder(
        OpenOrderRequest? body, HttpContext http, IGrainFactory grains)
    {
        var (call, invalid) = OrderCalls.Open(body);
        if (invalid is not null)
        {
            return Problems.Problems.Of(invalid);
        }
        var orderId = body!.OrderId!.Value;
        var (result, problem) = await OrderCommandSender.SendAsync(http, call!.Command,
            ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
        return problem ?? (Results<Created<OrderView>, ProblemHttpResult>)TypedResults.Created($"/api/v1/orders/{orderId}", result!.Order!);
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(Guid orderId, HttpContext http, IGrainFactory grains)
    {
        var order = await grains.GetGrain<IOrderGrain>(orderId).Get();
        if (order is null)
        {
            return Problems.Problems.Of(ErrorCodes.OrderNotFound, $"No order {orderId} on this appliance.");
        }
        http.Response.Headers.ETag = $"\"{order.Version}\"";
        return TypedResults.Ok(order);
    }

    public static async Task<Results<Ok<OrderList>, ProblemHttpResult>> ListOrders(
        string? status, string? businessDate, int? limit, IJournalLookups journal, CancellationToken cancellationToken)
    {
        bool? closed = status switch
        {
            null or "" => null,
            "open" => false,
            "closed" => true,
            _ => (bool?)null,
        };
        if (status is not (null or "" or "open" or "closed"))
        {
            return Problems.Problems.Invalid("status", "status must be open or closed.");
        }
        DateOnly? date = null;
        if (!string.IsNullOrEmpty(businessDate))
        {
            if (!DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return Problems.Problems.Invalid("businessDate", "businessDate must be a date like 2026-11-25.");
            }
            date = d;
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.Problems.Invalid("limit", "limit must be between 1 and 1000.");
        }
        var entries = await journal.ReadOrdersAsync(new OrderFilter(date, closed, limit ?? 500), cancellationToken);
        var views = entries
            .GroupBy(e => e.StreamId)
            .Select(g => OrderState.From(g.OrderBy(e => e.StreamVersion).Select(e => OrderEvents.FromJournal(e.Type, e.Data))))
            .Where(s => s.Exists)
            .Select(s => s.ToView())
            .OrderBy(v => v.BusinessDate).ThenBy(v => v.Number)
            .ToList();
        return TypedResults.Ok(new OrderList(views));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AddLine(
        Guid orderId, AddLineRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.AddLine(body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> VoidLine(
        Guid orderId, Guid lineId, VoidLineRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.VoidLine(lineId, body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> FireOrder(
        Guid orderId, EmptyRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, (OrderCalls.Fire(), null));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AddPayment(
        Guid orderId, AddPaymentRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.AddPayment(body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CloseOrder(
        Guid orderId, EmptyRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, (OrderCalls.Close(), null));

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Send(
        HttpContext http, IGrainFactory grains, Guid orderId, (OrderCall? Call, CommandError? Error) mapped)
    {
        if (mapped.Error is { } invalid)
        {
            return Problems.Problems.Of(invalid);
        }
        var call = mapped.Call!;
        var (result, problem) = await OrderCommandSender.SendAsync(http, call.Command,
            ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
        return problem ?? (Results<Ok<OrderView>, ProblemHttpResult>)TypedResults.Ok(result!.Order!);
    }
}
