using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Cash;

/// <summary>Drawers, sessions and cash payments over HTTP, and a receipt printer (the virtual printer, on a real TCP port).</summary>
public static class CashRig
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: PosClient.Json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>A receipt printer (station "receipt", which no menu item prints to) and a drawer on it.</summary>
    public static async Task PutReceiptPrinterAndDrawerAsync(this HttpClient admin, VirtualPrinterHost printer, string printerId, string drawerId, int pin)
    {
        using var put = await admin.PutAsJsonAsync($"/api/v1/printers/{printerId}", new { name = "Receipt", host = "127.0.0.1", port = printer.Port, station = "receipt" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        using var drawer = await admin.SendAsync(HttpMethod.Put, $"/api/v1/drawers/{drawerId}", new { name = $"Drawer {drawerId}", printerId, pin });
        Assert.True(drawer.IsSuccessStatusCode, await drawer.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> OpenSessionAsync(this HttpClient client, string drawerId, Guid sessionId, long floatMinor, string? employeeId = null) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/drawers/{drawerId}/sessions", new { sessionId, floatMinor, employeeId });

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, Guid sessionId, string kind, long amountMinor, string? reason, Guid? movementId = null) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/drawer-sessions/{sessionId}/movements",
            new { movementId = movementId ?? Guid.NewGuid(), kind, amountMinor, reason });

    public static Task<HttpResponseMessage> CloseSessionAsync(this HttpClient client, Guid sessionId, long countedMinor, string? key = null) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/drawer-sessions/{sessionId}/close", new { countedMinor }, key);

    /// <summary>Opens an order with one burger (1250 + 103 tax = 1353) and returns its id.</summary>
    public static async Task<Guid> BurgerOrderAsync(this HttpClient client)
    {
        var orderId = Guid.NewGuid();
        (await client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        return orderId;
    }

    public static Task<HttpResponseMessage> PayCashAsync(this HttpClient client, Guid orderId, Guid paymentId, long amountMinor, long tipMinor, string key) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/payments", new { paymentId, tender = "cash", amountMinor, tipMinor }, key);

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK)
    {
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> CashPrintAsync(this HttpClient client, string businessDate, string? printerId = null) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/reports/z/print", new { businessDate, printerId });

    public static string? Code(this JsonElement problem) => problem.TryGetProperty("code", out var code) ? code.GetString() : null;
}
