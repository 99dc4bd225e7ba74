using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Checks;

/// <summary>The check commands as a till sends them, and what the tests read back. Prices: soda 199 (no tax), fries 514, burger 1353.</summary>
internal static class CheckClient
{
    public static async Task<Guid> OpenAsync(HttpClient till, string table = "12")
    {
        var id = Guid.NewGuid();
        (await till.OpenAsync(id, "dine-in", table, 2)).EnsureSuccessStatusCode();
        return id;
    }

    public static async Task<Guid> AddAsync(HttpClient till, Guid orderId, string item)
    {
        var lineId = Guid.NewGuid();
        (await till.AddLineAsync(orderId, lineId, item, 1)).EnsureSuccessStatusCode();
        return lineId;
    }

    public static async Task PayAsync(HttpClient till, Guid orderId, string tender, long amount) =>
        (await till.PayAsync(orderId, tender, amount)).EnsureSuccessStatusCode();

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient till, string path, object body, string? key = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: PosClient.Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return till.SendAsync(request);
    }

    public static Task<HttpResponseMessage> MoveAsync(HttpClient till, Guid from, Guid to, IEnumerable<Guid> lines, string? key = null) =>
        CommandAsync(till, $"/api/v1/orders/{from}/move-lines", new { toOrderId = to, lineIds = lines.ToArray() }, key);

    public static Task<HttpResponseMessage> SplitLinesAsync(HttpClient till, Guid order, params (Guid OrderId, Guid[] Lines)[] groups) =>
        CommandAsync(till, $"/api/v1/orders/{order}/split",
            new { mode = "lines", groups = groups.Select(g => new { orderId = g.OrderId, lineIds = g.Lines }).ToArray() });

    public static Task<HttpResponseMessage> MergeAsync(HttpClient till, Guid into, Guid from) =>
        CommandAsync(till, $"/api/v1/orders/{into}/merge", new { fromOrderId = from });

    public static string Outcome(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Pos-Command-Outcome", out var values) ? values.Single() : "(none)";

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, string outcome)
    {
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(outcome, Outcome(response));
        return body;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }

    public static async Task<JsonElement> OrderAsync(HttpClient client, Guid orderId) => await client.GetJsonAsync($"/api/v1/orders/{orderId}");

    public static List<Guid> LineIds(JsonElement order) => [.. order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetGuid())];

    /// <summary>The journal's events after <paramref name="after"/>.</summary>
    public static async Task<List<JsonElement>> EventsAfterAsync(HttpClient admin, long after) =>
        [.. (await admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000")).GetProperty("events").EnumerateArray()];

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
