using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Grains.Commands;
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
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapGet("/", ListOrders).WithName("ListOrders").ProducesProblem(400);
        orders.MapGet("/{orderId:guid}", GetOrder).WithName("GetOrder").ProducesProblem(404);
        orders.MapPost("/{orderId:guid}/lines", AddLine).WithName("AddLine")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/lines/{lineId:guid}/void", VoidLine).WithName("VoidLine")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/fire", FireOrder).WithName("FireOrder")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/payments", AddPayment).WithName("AddPayment")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        orders.MapPost("/{orderId:guid}/close", CloseOrder).WithName("CloseOrder")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        return app;
    }

    public static async Task<Results<Created<OrderView>, ProblemHttpResult>> OpenOrder(
        OpenOrderRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (body?.OrderId is not { } orderId)
        {
            return Problems.Problems.Invalid("orderId", "orderId is required: a UUID the client chooses.");
        }
        if (body.Channel is not { } channel)
        {
            return Problems.Problems.Invalid("channel", "channel is required: dine-in, takeout or delivery.");
        }
        var command = new OpenOrder(orderId, channel, body.Table, body.Guests);
        var (result, problem) = await OrderCommandSender.SendAsync(http, "open", StatusCodes.Status201Created,
            ctx => grains.GetGrain<IOrderGrain>(orderId).Open(command, ctx));
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
        string? status, string? businessDate, int? limit, IJournal journal, CancellationToken cancellationToken)
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
        Guid orderId, AddLineRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (body?.LineId is not { } lineId)
        {
            return Problems.Problems.Invalid("lineId", "lineId is required: a UUID the client chooses.");
        }
        if (body.MenuItemId is not { } menuItemId)
        {
            return Problems.Problems.Invalid("menuItemId", "menuItemId is required.");
        }
        if (body.Quantity is not { } quantity)
        {
            return Problems.Problems.Invalid("quantity", "quantity is required.");
        }
        var command = new AddLine(lineId, menuItemId, quantity, body.Note, body.Modifiers);
        return await Send(http, "add-line", ctx => grains.GetGrain<IOrderGrain>(orderId).AddLine(command, ctx));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> VoidLine(
        Guid orderId, Guid lineId, VoidLineRequest? body, HttpContext http, IGrainFactory grains)
    {
        var command = new VoidLine(lineId, body?.Reason ?? "");
        return await Send(http, "void-line", ctx => grains.GetGrain<IOrderGrain>(orderId).VoidLine(command, ctx));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> FireOrder(
        Guid orderId, EmptyRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, "fire", ctx => grains.GetGrain<IOrderGrain>(orderId).Fire(ctx));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AddPayment(
        Guid orderId, AddPaymentRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (body?.PaymentId is not { } paymentId)
        {
            return Problems.Problems.Invalid("paymentId", "paymentId is required: a UUID the client chooses.");
        }
        if (body.Tender is not { } tender)
        {
            return Problems.Problems.Invalid("tender", "tender is required: cash, card or other.");
        }
        if (body.AmountMinor is not { } amount)
        {
            return Problems.Problems.Invalid("amountMinor", "amountMinor is required.");
        }
        var command = new AddPayment(paymentId, tender, amount, body.TipMinor ?? 0, body.Reference);
        return await Send(http, "add-payment", ctx => grains.GetGrain<IOrderGrain>(orderId).AddPayment(command, ctx));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CloseOrder(
        Guid orderId, EmptyRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, "close", ctx => grains.GetGrain<IOrderGrain>(orderId).Close(ctx));

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Send(
        HttpContext http, string command, Func<CommandContext, Task<OrderResult>> send)
    {
        var (result, problem) = await OrderCommandSender.SendAsync(http, command, StatusCodes.Status200OK, send);
        return problem ?? (Results<Ok<OrderView>, ProblemHttpResult>)TypedResults.Ok(result!.Order!);
    }
}
