using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pos.Bench.Orders;

namespace Pos.Bench.Printing;

/// <summary>What the appliance says about one of the bench printers once the run is over.</summary>
internal sealed record PrinterHealth(string PrinterId, string Status, int QueueDepth, string? LastError);

/// <summary>
/// The appliance side: each client opens a takeout order, adds a kitchen line and a bar line (not timed), then
/// fires it and waits for both tickets at the virtual printers. One order at a time per client, one connection each.
/// </summary>
internal static class ApplianceFire
{
    public const string KitchenPrinterId = "bench-kitchen";
    public const string BarPrinterId = "bench-bar";
    public const string BarItemId = "bench-soda";

    // The orders benchmark's item stays on the menu (at its station, kitchen), so either benchmark can run after the other.
    private const string Menu = $$"""
        {"currency":"USD","items":[
          {"id":"{{OrderLoad.MenuItemId}}","name":"Bench Burger","priceMinor":1250,"taxRateBp":825,"station":"kitchen"},
          {"id":"{{BarItemId}}","name":"Bench Soda","priceMinor":300,"taxRateBp":825,"station":"bar"}]}
        """;

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Points the bench printers at the two virtual printers, publishes the menu, waits until both are online.</summary>
    public static async Task<string?> SetUpAsync(HttpClient http, int kitchenPort, int barPort, CancellationToken cancellationToken)
    {
        var kitchen = $$"""{"name":"Bench kitchen","host":"127.0.0.1","port":{{kitchenPort}},"station":"kitchen"}""";
        var bar = $$"""{"name":"Bench bar","host":"127.0.0.1","port":{{barPort}},"station":"bar"}""";
        var error = await PutAsync(http, $"api/v1/printers/{KitchenPrinterId}", kitchen, cancellationToken)
            ?? await PutAsync(http, $"api/v1/printers/{BarPrinterId}", bar, cancellationToken)
            ?? await PutAsync(http, "api/v1/menu", Menu, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var (online, printers) = await PollPrintersAsync(
            http, p => p.Status == "online", TimeSpan.FromSeconds(30), cancellationToken);
        return online
            ? null
            : "the appliance did not report both bench printers online within 30 s: "
                + string.Join("; ", printers.Select(p => $"{p.PrinterId} {p.Status} ({p.LastError ?? "no error"})"));
    }

    /// <summary>Fires <paramref name="orders"/> orders over <paramref name="clients"/> clients.</summary>
    public static async Task RunAsync(
        Uri url,
        string token,
        int clients,
        int orders,
        TicketTracker tracker,
        FireRecorder recorder,
        TimeSpan ticketTimeout,
        CancellationToken cancellationToken)
    {
        var left = orders;

        async Task ClientAsync()
        {
            using var http = OrderLoad.CreateClient(url, token);
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await FireOneAsync(http, tracker, recorder, ticketTimeout, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
    }

    /// <summary>
    /// Waits (up to <paramref name="limit"/>) for both bench printers' queues to drain, so a reprint the appliance
    /// decided on late is still counted as a duplicate; returns how the printers ended up.
    /// </summary>
    public static async Task<IReadOnlyList<PrinterHealth>> SettleAsync(HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        var (_, printers) = await PollPrintersAsync(http, p => p.QueueDepth == 0, limit, cancellationToken);
        return printers;
    }

    private static async Task FireOneAsync(
        HttpClient http, TicketTracker tracker, FireRecorder recorder, TimeSpan ticketTimeout, CancellationToken cancellationToken)
    {
        var orderId = Guid.NewGuid();
        var opened = await PostAsync(http, "api/v1/orders", $$"""{"orderId":"{{orderId}}","channel":"takeout"}""", recorder, cancellationToken);
        if (opened is null)
        {
            return;
        }

        int number;
        using (var view = JsonDocument.Parse(opened))
        {
            if (!view.RootElement.TryGetProperty("number", out var field) || !field.TryGetInt32(out number))
            {
                recorder.Failed($"POST /api/v1/orders answered without an order number: {opened}");
                return;
            }
        }

        foreach (var item in new[] { OrderLoad.MenuItemId, BarItemId })
        {
            var line = $$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"{{item}}","quantity":1}""";
            if (await PostAsync(http, $"api/v1/orders/{orderId}/lines", line, recorder, cancellationToken) is null)
            {
                return;
            }
        }

        if (tracker.Expect(number) is not { } expected)
        {
            recorder.Failed($"order {orderId} was given number #{number}, which an earlier order of this run already has");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var fired = await PostAsync(http, $"api/v1/orders/{orderId}/fire", "{}", recorder, cancellationToken);
        if (fired is null)
        {
            return;
        }

        recorder.FireAnswered(Stopwatch.GetTimestamp() - started);
        try
        {
            recorder.Printed(started, await expected.Printed.WaitAsync(ticketTimeout, cancellationToken));
        }
        catch (TimeoutException)
        {
            recorder.Lost(expected, ticketTimeout);
        }
    }

    // The answer's body on a 2xx, else null with the failure recorded.
    private static async Task<string?> PostAsync(
        HttpClient http, string path, string json, FireRecorder recorder, CancellationToken cancellationToken)
    {
        string failure;
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            failure = $"POST /{path} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            failure = $"POST /{path} failed: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"POST /{path} timed out after {http.Timeout.TotalSeconds:F0} s";
        }

        recorder.Failed(failure);
        return null;
    }

    private static async Task<string?> PutAsync(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PutAsync(path, content, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : $"PUT /{path} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            return $"cannot reach the appliance at {http.BaseAddress}: {e.Message}";
        }
    }

    // Reads GET /api/v1/printers until both bench printers satisfy `done` or `limit` has passed.
    private static async Task<(bool Done, IReadOnlyList<PrinterHealth> Printers)> PollPrintersAsync(
        HttpClient http, Func<PrinterHealth, bool> done, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        using var timer = new PeriodicTimer(PollEvery);
        while (true)
        {
            var printers = await ReadPrintersAsync(http, cancellationToken);
            if (printers.Count == 2 && printers.All(done))
            {
                return (true, printers);
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return (false, printers);
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<PrinterHealth>> ReadPrintersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/printers", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return [.. list.RootElement.GetProperty("printers").EnumerateArray()
                .Select(p => new PrinterHealth(
                    p.GetProperty("printerId").GetString() ?? "",
                    p.GetProperty("status").GetString() ?? "",
                    p.GetProperty("queueDepth").GetInt32(),
                    p.TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null))
                .Where(p => p.PrinterId is KitchenPrinterId or BarPrinterId)];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }
}
