using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Devices;
using Pos.Grains.Journal;
using Pos.Grains.Orders;
using OrderView = Pos.Contracts.Orders.OrderView;

namespace Pos.Api.Orders;

/// <summary>/api/v1/orders: open, add lines, void, fire, pay, close, read.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        const string Order = "the order";
        orders.MapPost("/", OpenOrder).WithName("OpenOrder").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("table").Describe("Open an order",
                "orderId is chosen by the client, so sending the same open again is recognised: it answers the order as it stands.");
        orders.MapGet("/", ListOrders).WithName("ListOrders").RequiresPermission(PermissionNames.OrdersRead).ProducesProblem(400)
            .Describe("List orders, newest first, a page at a time",
                "Orders are chosen newest first (by when they were opened) and each page is ordered by business date and number. " +
                "When hasMore is true, nextCursor gives the next, older page: send it back as cursor with the same filters.");
        orders.MapGet("/{orderId:guid}", GetOrder).WithName("GetOrder").RequiresPermission(PermissionNames.OrdersRead).ProducesProblem(404).AnswersETag(Order)
            .Describe("Read an order", "The ETag is the order's version: send it as If-Match with a command to apply it only to that version.");
        orders.MapPost("/{orderId:guid}/lines", AddLine).WithName("AddLine").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("note", "modifiers[]").Describe("Add a line",
                "lineId is chosen by the client: the same line sent again is recognised. options are checked against the item's " +
                "modifier groups as the menu stands (400 validation-failed naming the field) and priced into the unit price. " +
                "An item sold out (86) is 409 item-sold-out; a counted item with fewer left than the quantity is 409 not-enough-left.");
        orders.MapPost("/{orderId:guid}/lines/{lineId:guid}/void", VoidLine).WithName("VoidLine").RequiresPermission(PermissionNames.LinesVoid)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("reason").Describe("Void a line",
                "A line already paid for cannot be voided (409 line-paid). A line already fired to the kitchen needs permission " +
                "lines.void-fired: a role without it is 403 permission-denied, unless a manager approves with their PIN in the " +
                "Pos-Approval header (decided by the order when the void applies, so a line fired meanwhile is refused too).");
        orders.MapPost("/{orderId:guid}/fire", FireOrder).WithName("FireOrder").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesOptionalBody().Describe("Fire the pending lines to the kitchen",
                "Each pending line's station gets a ticket. With no body, {} or no course: every pending line not held. " +
                "With {course}: only that course's pending lines, held ones too (firing a course releases it).");
        orders.MapPost("/{orderId:guid}/payments", AddPayment).WithName("AddPayment").RequiresPermission(PermissionNames.PaymentsTake)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesFreeText("reference").Describe("Take a payment", "paymentId is chosen by the client: the same payment sent again is recognised.");
        orders.MapPost("/{orderId:guid}/close", CloseOrder).WithName("CloseOrder").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().TakesOptionalBody().Describe("Close a paid order", "The balance must be zero (409 balance-not-zero); the body is empty ({} or none).");
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
        return problem ?? (Results<Created<OrderView>, ProblemHttpResult>)TypedResults.Created($"/api/v1/orders/{orderId}", result!.Order!.ToWire());
    }

    /// <summary>The metadata every order command shares: Idempotency-Key, If-Match, the ETag, the command's outcome and the policy's 403.</summary>
    internal static RouteHandlerBuilder OrderCommand(this RouteHandlerBuilder route) =>
        route.HonoursIdempotencyKey().HonoursIfMatch("the order").AnswersETag("the order").RefusedByPolicy()
            .AnswersHeader(OrderCommandSender.OutcomeHeader,
                "What the command did: applied, duplicate, merged, conflict or rejected (docs/CONFLICTS.md).");

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(Guid orderId, HttpContext http, IGrainFactory grains)
    {
        var order = await grains.GetGrain<IOrderGrain>(orderId).Get();
        if (order is null)
        {
            return Problems.Problems.Of(ErrorCodes.OrderNotFound, $"No order {orderId} on this appliance.");
        }
        http.Response.Headers.ETag = IfMatch.ETagOf(order.Version);
        return TypedResults.Ok(order.ToWire());
    }

    /// <summary>The cursors of this list are marked so.</summary>
    public const string CursorList = "orders";

    /// <summary>A page of orders, newest first.</summary>
    /// <param name="status">Only open orders, or only closed ones; both when left out.</param>
    /// <param name="businessDate">Only the orders of this business date (yyyy-MM-dd).</param>
    /// <param name="limit">How many orders a page holds at most.</param>
    /// <param name="cursor">The nextCursor of the previous page, unchanged; left out for the first page.</param>
    /// <param name="journal">Where the orders are read.</param>
    /// <param name="devices">The devices' names, for the device that opened each order.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<OrderList>, ProblemHttpResult>> ListOrders(
        [AllowedValues("open", "closed")] string? status, [DataType(DataType.Date)] string? businessDate,
        [Range(1, 1000), DefaultValue(500)] int? limit, string? cursor, IJournalLookups journal, DeviceNames devices,
        CancellationToken cancellationToken)
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
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Cursor.TryRead(CursorList, cursor, out long seq))
            {
                return Problems.Problems.Invalid("cursor", "cursor must be a nextCursor this list gave, sent back unchanged.");
            }
            before = seq;
        }
        var take = limit ?? 500;
        // One more than asked, to know whether there is a next page.
        var entries = await journal.ReadOrdersAsync(new OrderFilter(date, closed, take + 1, before), cancellationToken);
        var chosen = entries
            .GroupBy(e => e.StreamId)
            .Select(g => g.OrderBy(e => e.StreamVersion).ToList())
            .Select(stream => (Opened: stream[0].Seq, OpenedBy: stream[0].DeviceId, OpeningEmployee: stream[0].EmployeeId, State: OrderState.From(stream.Select(e => OrderEvents.FromJournal(e.Type, e.Data)))))
            .OrderByDescending(o => o.Opened)
            .ToList();
        var hasMore = chosen.Count > take;
        var page = chosen.Take(take).ToList();
        var views = page
            .Where(o => o.State.Exists)
            .Select(o => o.State.ToView(devices.OpenerOf(o.OpenedBy, o.OpeningEmployee)).ToWire())
            .OrderBy(v => v.BusinessDate).ThenBy(v => v.Number)
            .ToList();
        return TypedResults.Ok(new OrderList(views, hasMore ? Cursor.Of(CursorList, page[^1].Opened) : null, hasMore));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AddLine(
        Guid orderId, AddLineRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.AddLine(body));

    /// <summary>
    /// A void. Whether the sender may void a fired line is decided here (its role, or a manager's approval sent with
    /// this request) and told to the order, which alone knows whether the line has fired when the void applies.
    /// </summary>
    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> VoidLine(
        Guid orderId, Guid lineId, VoidLineRequest? body, HttpContext http, IGrainFactory grains, ICommandPolicy policy, PermissionGate gate)
    {
        // An approval sent with the void is checked at once: a wrong PIN is refused, even for a line not fired.
        if (Permissions.VerdictOf(http.User.Role(), PermissionNames.LinesVoidFired) == Verdict.NeedsApproval
            && http.Request.Headers.ContainsKey(IManagerApproval.Header)
            && await gate.CheckRequestAsync(http, PermissionNames.LinesVoidFired, PermissionGate.TargetOf(http)) is { } refused)
        {
            return refused.Problem();
        }
        return await Send(http, grains, orderId, OrderCalls.VoidLine(lineId, body, policy.MayVoidFiredLines(CommandSender.Of(http))));
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> FireOrder(
        Guid orderId, FireRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.Fire(body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> AddPayment(
        Guid orderId, AddPaymentRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, OrderCalls.AddPayment(body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CloseOrder(
        Guid orderId, EmptyRequest? body, HttpContext http, IGrainFactory grains) =>
        await Send(http, grains, orderId, (OrderCalls.Close(), null));

    internal static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Send(
        HttpContext http, IGrainFactory grains, Guid orderId, (OrderCall? Call, CommandError? Error) mapped)
    {
        if (mapped.Error is { } invalid)
        {
            return Problems.Problems.Of(invalid);
        }
        var call = mapped.Call!;
        var (result, problem) = await OrderCommandSender.SendAsync(http, call.Command,
            ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
        return problem ?? (Results<Ok<OrderView>, ProblemHttpResult>)TypedResults.Ok(result!.Order!.ToWire());
    }
}
