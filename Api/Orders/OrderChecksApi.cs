using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;

namespace Pos.Api.Orders;

/// <summary>
/// The guest check and the receipt: order commands like the others (keyed, journaled as CheckPrinted with the receipt
/// printer's job in the same transaction), so a retry never prints twice and a second print says COPY.
/// </summary>
public static class OrderChecksApi
{
    public static IEndpointRouteBuilder MapOrderChecksApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapPost("/{orderId:guid}/print-check", PrintGuestCheck).WithName("PrintCheck").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().Describe("Print the guest check",
                "The bill as it stands (lines by seat, tax, total, what is still due and suggested tips) on printerId, else this device's " +
                "receipt printer (a printer whose receiptFor names the device, else the station given, else *): 422 no-receipt-printer " +
                "when none. Printed again with nothing changed, it says COPY. The order answers with the print in checks.");
        orders.MapPost("/{orderId:guid}/print-receipt", PrintReceipt).WithName("PrintReceipt").RequiresPermission(PermissionNames.OrdersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .OrderCommand().Describe("Print the receipt",
                "After a payment (409 nothing-paid before one), also once the order is closed: the check with its payments, tips and " +
                "change, and a tip and signature line for a card payment without a tip yet. Every receipt after the first says COPY.");
        return app;
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> PrintGuestCheck(
        Guid orderId, PrintCheckRequest? body, HttpContext http, IGrainFactory grains) =>
        await OrdersApi.Send(http, grains, orderId, OrderCalls.PrintCheck(CheckKind.Check, body));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> PrintReceipt(
        Guid orderId, PrintCheckRequest? body, HttpContext http, IGrainFactory grains) =>
        await OrdersApi.Send(http, grains, orderId, OrderCalls.PrintCheck(CheckKind.Receipt, body));
}
