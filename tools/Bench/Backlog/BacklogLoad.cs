using System.Net.Http.Json;
using System.Text.Json;
using Pos.Bench.Orders;

namespace Pos.Bench.Backlog;

/// <summary>Whole orders (open, three lines, pay, close: six events each) from N clients until the journal reaches a size.</summary>
internal static class BacklogLoad
{
    public static async Task FillAsync(Uri url, string token, long events, int clients, CancellationToken cancellationToken)
    {
        var error = await OrderLoad.PublishMenuAsync(url, token, cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
        long head;
        using (var probe = OrderLoad.CreateClient(url, token))
        {
            head = await HeadAsync(probe, cancellationToken);
        }
        // Each order adds six events; each client takes its share of the orders still needed.
        var orders = (int)Math.Max(0, (events - head + 5) / 6);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var http = OrderLoad.CreateClient(url, token);
            while (Interlocked.Increment(ref next) <= orders)
            {
                await OrderAsync(http, cancellationToken);
            }
        }));
        // Top up to the exact size with single lines on one more order.
        using var last = OrderLoad.CreateClient(url, token);
        var orderId = Guid.NewGuid();
        await SendAsync(last, "api/v1/orders", new { orderId, channel = "takeout" }, cancellationToken);
        while (await HeadAsync(last, cancellationToken) < events)
        {
            await SendAsync(last, $"api/v1/orders/{orderId}/lines", new { lineId = Guid.NewGuid(), menuItemId = OrderLoad.MenuItemId, quantity = 1 }, cancellationToken);
        }
    }

    private static async Task OrderAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var orderId = Guid.NewGuid();
        await SendAsync(http, "api/v1/orders", new { orderId, channel = "dine-in", table = "7", guests = 2 }, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(http, $"api/v1/orders/{orderId}/lines", new { lineId = Guid.NewGuid(), menuItemId = OrderLoad.MenuItemId, quantity = 1 + i }, cancellationToken);
        }
        var order = await http.GetFromJsonAsync<JsonElement>($"api/v1/orders/{orderId}", cancellationToken);
        await SendAsync(http, $"api/v1/orders/{orderId}/payments",
            new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = order.GetProperty("totalMinor").GetInt64(), tipMinor = 300 }, cancellationToken);
        await SendAsync(http, $"api/v1/orders/{orderId}/close", new { }, cancellationToken);
    }

    private static async Task SendAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<long> HeadAsync(HttpClient http, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<JsonElement>("api/v1/sync/status", cancellationToken)).GetProperty("journalHeadSeq").GetInt64();
}
