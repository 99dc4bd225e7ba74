using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pos.EndToEnd.Tests.Outages;

/// <summary>
/// One answer the appliance gave under load: to whom (<c>ByDevice</c>: a device token, which the database
/// authenticates), which call, its status, the problem's code, Retry-After, and for the sync status its <c>online</c>.
/// </summary>
public sealed record LoadAnswer(bool ByDevice, string Call, HttpStatusCode Status, string? Code, bool HasRetryAfter, bool? Online, long At);

/// <summary>A command the appliance acknowledged (2xx): an order opened, or a line added to it.</summary>
public sealed record LoadAck(Guid OrderId, Guid? LineId);

/// <summary>
/// Clients that keep a store busy the way tills do: open an order, add lines to the last one opened (with an
/// Idempotency-Key, sent again with the same key after a 503, and without one), read that order, the open orders,
/// the journal, the sync status and the menu. Every answer is kept, and every acknowledged command.
/// </summary>
public sealed class OutageLoad
{
    private const int KeyedAttempts = 3;

    public ConcurrentQueue<LoadAnswer> Answers { get; } = new();
    public ConcurrentQueue<LoadAck> Acks { get; } = new();

    /// <summary>Runs one client until <paramref name="stop"/>; answers are stamped with <see cref="Environment.TickCount64"/>.</summary>
    public async Task RunAsync(HttpClient client, bool byDevice, CancellationToken stop)
    {
        async Task<bool> SendAsync(string call, Func<Task<HttpResponseMessage>> send) => await this.SendAsync(byDevice, call, send);

        try
        {
            // Lines go to the last order this client opened, so they are tried while the database is down too.
            Guid? current = null;
            while (!stop.IsCancellationRequested)
            {
                var orderId = Guid.NewGuid();
                if (await SendAsync("open-order", () => client.PostAsJsonAsync("/api/v1/orders", new { orderId, channel = "takeout" }, stop)))
                {
                    Acks.Enqueue(new LoadAck(orderId, null));
                    current = orderId;
                }
                if (current is { } order)
                {
                    await AddLinesAsync(client, byDevice, order, stop);
                    await SendAsync("get-order", () => client.GetAsync($"/api/v1/orders/{order}", stop));
                }
                await SendAsync("list-open-orders", () => client.GetAsync("/api/v1/orders?status=open&limit=20", stop));
                await SendAsync("read-journal", () => client.GetAsync("/api/v1/journal?after=0&limit=20", stop));
                await SendAsync("sync-status", () => client.GetAsync("/api/v1/sync/status", stop));
                await SendAsync("menu", () => client.GetAsync("/api/v1/menu", stop));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped mid-request: that answer is not counted either way.
        }
    }

    private async Task AddLinesAsync(HttpClient client, bool byDevice, Guid orderId, CancellationToken stop)
    {
        var keyedLine = Guid.NewGuid();
        var key = $"line-{keyedLine}";
        for (var attempt = 0; attempt < KeyedAttempts; attempt++)
        {
            // The contract after a 503: the same request again, with the same key; it is applied once.
            if (await SendAsync(byDevice, "add-line-keyed", () => client.SendAsync(Keyed(orderId, keyedLine, key), stop)))
            {
                Acks.Enqueue(new LoadAck(orderId, keyedLine));
                break;
            }
        }
        var line = Guid.NewGuid();
        if (await SendAsync(byDevice, "add-line", () => client.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = line, menuItemId = "fries", quantity = 1 }, stop)))
        {
            Acks.Enqueue(new LoadAck(orderId, line));
        }
    }

    private static HttpRequestMessage Keyed(Guid orderId, Guid lineId, string key) =>
        new(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
        {
            Content = JsonContent.Create(new { lineId, menuItemId = "burger", quantity = 1 }),
            Headers = { { "Idempotency-Key", key } },
        };

    /// <summary>Sends, keeps the answer; true for 2xx.</summary>
    private async Task<bool> SendAsync(bool byDevice, string call, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        bool? online = null;
        if (text.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(text);
            code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            online = call == "sync-status" && json.RootElement.TryGetProperty("online", out var o) ? o.GetBoolean() : null;
        }
        Answers.Enqueue(new LoadAnswer(byDevice, call, response.StatusCode, code, response.Headers.RetryAfter is not null, online, Environment.TickCount64));
        return response.IsSuccessStatusCode;
    }
}
