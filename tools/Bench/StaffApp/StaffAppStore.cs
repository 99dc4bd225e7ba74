using System.Net.Http.Json;
using System.Text.Json;
using Pos.Bench.Orders;

namespace Pos.Bench.StaffApp;

/// <summary>
/// What the benchmark asks of the appliance through its API with the admin token: a menu, a floor of open orders,
/// pairing codes for the phones, and the lines an order holds (to check each tap landed once).
/// </summary>
internal sealed class StaffAppStore(Uri url, string token) : IDisposable
{
    /// <summary>The items the taps add, one after the other.</summary>
    public static readonly string[] TappedItems = ["bench-fries", "bench-soda", "bench-ipa", "bench-salad"];

    private readonly HttpClient _http = OrderLoad.CreateClient(url, token);

    /// <summary>A menu of twelve items at two stations: about a small restaurant's, as the order screen lists it.</summary>
    public Task PutMenuAsync(CancellationToken cancellationToken)
    {
        string[] kitchen = ["burger", "fries", "salad", "soup", "steak", "fish", "pasta", "cake"];
        string[] bar = ["soda", "ipa", "wine", "coffee"];
        var items = kitchen.Select(name => Item(name, "kitchen", 1250)).Concat(bar.Select(name => Item(name, "bar", 600)));
        return SendAsync(HttpMethod.Put, "api/v1/menu", new { currency = "USD", items = items.ToArray() }, cancellationToken);

        static object Item(string name, string station, long priceMinor) => new
        {
            id = "bench-" + name,
            name = char.ToUpperInvariant(name[0]) + name[1..],
            priceMinor,
            taxRateBp = 825,
            station,
        };
    }

    /// <summary>Opens <paramref name="count"/> dine-in orders at tables 1..count, each with two lines.</summary>
    public async Task SeedFloorAsync(int count, CancellationToken cancellationToken)
    {
        for (var table = 1; table <= count; table++)
        {
            var orderId = Guid.NewGuid();
            await SendAsync(HttpMethod.Post, "api/v1/orders",
                new { orderId, channel = "dine-in", table = table.ToString(System.Globalization.CultureInfo.InvariantCulture), guests = 2 },
                cancellationToken);
            foreach (var item in new[] { "bench-burger", "bench-soda" })
            {
                await SendAsync(HttpMethod.Post, $"api/v1/orders/{orderId}/lines",
                    new { lineId = Guid.NewGuid(), menuItemId = item, quantity = 1 }, cancellationToken);
            }
        }
    }

    /// <summary>A one-time pairing code for a server's phone.</summary>
    public async Task<string> PairingCodeAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, "api/v1/pairing-codes", new { role = "server", name = "Bench phone" }, cancellationToken);
        return answer.GetProperty("code").GetString()!;
    }

    /// <summary>The lines the appliance holds on an order.</summary>
    public async Task<int> LineCountAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await SendAsync(HttpMethod.Get, $"api/v1/orders/{orderId}", null, cancellationToken);
        return order.GetProperty("lines").GetArrayLength();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new StaffAppBenchException(
                $"{method} /{path} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}");
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The benchmark could not run (the appliance refused a setup step, a screen never came): exit code 1.</summary>
internal sealed class StaffAppBenchException(string message) : Exception(message);
