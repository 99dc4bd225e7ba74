using System.Net;
using System.Net.Http.Json;
using Pos.Contracts.Menu;
using Pos.Contracts.Orders;

namespace Pos.Client.Http;

/// <summary>
/// The appliance's reads, typed with the wire records of Contracts. The <see cref="HttpClient"/> carries the base
/// address and the device's bearer token. Answers may gain fields; they are read leniently.
/// </summary>
public sealed class ApplianceApi(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>The store's menu (404 before a menu was published gives null).</summary>
    public async Task<MenuView?> GetMenuAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync("api/v1/menu", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(WireJson.Info<MenuView>(), cancellationToken);
    }

    /// <summary>One order, or null when the appliance does not know it.</summary>
    public async Task<OrderView?> GetOrderAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"api/v1/orders/{orderId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(WireJson.Info<OrderView>(), cancellationToken);
    }

    /// <summary>The orders still open on a business date (what blocks its seal), for the manager's end of day.</summary>
    public async Task<OpenOrdersResponse> OpenOrdersOfAsync(DateOnly businessDate, CancellationToken cancellationToken = default) =>
        await Http.GetFromJsonAsync($"api/v1/business-days/{businessDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}/open-orders", WireJson.Info<OpenOrdersResponse>(), cancellationToken)
        ?? throw new HttpRequestException("The appliance answered the open orders of a date with an empty body.");

    /// <summary>Every open order, all pages read.</summary>
    public async Task<IReadOnlyList<OrderView>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<OrderView>();
        string? cursor = null;
        do
        {
            var path = cursor is null ? "api/v1/orders?status=open" : $"api/v1/orders?status=open&cursor={Uri.EscapeDataString(cursor)}";
            var page = await Http.GetFromJsonAsync(path, WireJson.Info<OrderList>(), cancellationToken)
                ?? throw new HttpRequestException("The appliance answered the order list with an empty body.");
            all.AddRange(page.Orders);
            cursor = page.HasMore ? page.NextCursor : null;
        }
        while (cursor is not null);
        return all;
    }
}
