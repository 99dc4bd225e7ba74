using System.Globalization;
using System.Net.Http.Json;
using Pos.Contracts.Orders;

namespace Pos.StaffApp.Manager;

/// <summary>The end of the day's routes: the tabs a date left open, carried over or closed with a reason.</summary>
public sealed class EndOfDayApi(ManagerApi api)
{
    public Task<Answer<OpenOrdersResponse>> OpenOrdersAsync(DateOnly date, CancellationToken cancellationToken) =>
        api.GetAsync($"api/v1/business-days/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/open-orders",
            ManagerJson.Wire.OpenOrdersResponse, cancellationToken);

    /// <summary>Carries the order over to today; the key is made once per tap, so a retry is the same command.</summary>
    public Task<Answer<OrderSetResponse>> CarryOverAsync(Guid orderId, string idempotencyKey, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"api/v1/orders/{orderId}/carry-over",
            JsonContent.Create(new CarryOverRequest(null), ManagerJson.Wire.CarryOverRequest), ManagerJson.Wire.OrderSetResponse,
            cancellationToken, idempotencyKey);

    public Task<Answer<OrderView>> CloseWithReasonAsync(Guid orderId, string reason, string idempotencyKey, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"api/v1/orders/{orderId}/close-with-reason",
            JsonContent.Create(new CloseWithReasonRequest(reason), ManagerJson.Wire.CloseWithReasonRequest), ManagerJson.Wire.OrderView,
            cancellationToken, idempotencyKey);
}
