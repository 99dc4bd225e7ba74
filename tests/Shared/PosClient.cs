using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Contracts.Journal;

namespace Pos.Tests.Shared;

/// <summary>Small helpers for talking to the appliance's REST API the way a POS client does.</summary>
public static class PosClient
{
    public static JsonSerializerOptions Json { get; } = EventJson.Options;

    public static HttpClient NewClient(Uri baseAddress, string token)
    {
        // Each client gets its own connection pool: separate clients, separate sockets. A request that asks for the
        // server's go-ahead (Expect: 100-continue) waits for it as long as for an answer: after the default second, on
        // a loaded machine, the client sent the body anyway and met the server's refusal as a broken pipe.
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The test menu (kitchen: burger, fries; bar: ipa, soda), with <paramref name="moreItems"/> after its own.</summary>
    public static object Menu(params object[] moreItems) => new
    {
        currency = "USD",
        items = MenuItems().Concat(moreItems).ToArray(),
    };

    /// <summary>The test menu's own four items.</summary>
    public static IEnumerable<object> MenuItems() =>
    [
        new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen" },
        new { id = "fries", name = "Fries", priceMinor = 475, taxRateBp = 825, station = "kitchen" },
        new { id = "ipa", name = "IPA", priceMinor = 700, taxRateBp = 1000, station = "bar" },
        new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar" },
    ];

    public static async Task<HttpResponseMessage> PutMenuAsync(this HttpClient client) =>
        (await client.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();

    public static Task<HttpResponseMessage> OpenAsync(this HttpClient client, Guid orderId, string channel = "dine-in", string? table = "12", int? guests = 2) =>
        client.PostAsJsonAsync("/api/v1/orders", new { orderId, channel, table, guests });

    public static Task<HttpResponseMessage> AddLineAsync(this HttpClient client, Guid orderId, Guid lineId, string menuItemId, int quantity) =>
        client.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId, menuItemId, quantity });

    public static Task<HttpResponseMessage> PayAsync(this HttpClient client, Guid orderId, string tender, long amountMinor, long tipMinor = 0) =>
        client.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { paymentId = Guid.NewGuid(), tender, amountMinor, tipMinor });

    /// <summary>
    /// A new device id, <paramref name="prefix"/> and random letters up to 20 characters. Letters, not a Guid's hex: a
    /// run of 13 or more digits that passes the Luhn check is refused as a card number (it happened: "phone-61041736510645").
    /// </summary>
    public static string NewDeviceId(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(Math.Max(1, 20 - prefix.Length)).Select(b => (char)('a' + b % 26)));

    /// <summary>Registers a device through POST /api/v1/devices (the client must hold the admin token) and returns its token.</summary>
    public static async Task<string> RegisterDeviceAsync(this HttpClient admin, string deviceId, string role = "server", string? name = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/devices", new { deviceId, name = name ?? $"Device {deviceId}", role });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"registering {deviceId} answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("token").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Every journal event, paging through the API.</summary>
    public static async Task<List<JsonElement>> ReadJournalAsync(this HttpClient client)
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await client.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                return all;
            }
            all.AddRange(events);
            after = page.GetProperty("lastSeq").GetInt64();
        }
    }
}
