using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Api.Tests.OpenApi;

public sealed class OpenApiDocumentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, int[]> ContractRoutes => new()
    {
        { "get", "/health/live", [200] },
        { "get", "/health/ready", [200, 503] },
        // Every /api route can meet the database away: 503 journal-unavailable.
        { "get", "/api/v1/menu", [200, 401, 404, 429, 503] },
        { "put", "/api/v1/menu", [200, 400, 401, 422, 503] },
        { "post", "/api/v1/orders", [201, 400, 401, 409, 412, 422, 503] },
        { "get", "/api/v1/orders", [200, 400, 401, 503] },
        { "get", "/api/v1/orders/{orderId}", [200, 401, 404, 503] },
        { "post", "/api/v1/orders/{orderId}/lines", [200, 400, 401, 404, 409, 412, 422, 503] },
        { "post", "/api/v1/orders/{orderId}/lines/{lineId}/void", [200, 400, 401, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/fire", [200, 401, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/payments", [200, 400, 401, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/close", [200, 401, 404, 409, 412, 503] },
        { "get", "/api/v1/journal", [200, 400, 401, 503] },
        { "get", "/api/v1/reports/daily", [200, 400, 401, 503] },
        { "get", "/api/v1/printers", [200, 401, 503] },
        { "get", "/api/v1/printers/{printerId}", [200, 401, 404, 503] },
        { "put", "/api/v1/printers/{printerId}", [200, 400, 401, 413, 503] },
        { "get", "/api/v1/printers/{printerId}/jobs", [200, 400, 401, 404, 503] },
        { "post", "/api/v1/printers/{printerId}/jobs/{jobId}/reprint", [201, 400, 401, 404, 413, 503] },
        { "post", "/api/v1/devices", [201, 400, 401, 403, 409, 413, 429, 503] },
        { "get", "/api/v1/devices", [200, 401, 403, 503] },
        { "get", "/api/v1/sync/status", [200, 401, 503] },
        { "post", "/api/v1/sync/commands", [200, 400, 401, 403, 503] },
    };

    [Fact]
    public async Task Every_api_route_declares_503_for_the_database_away()
    {
        var doc = await Document();
        var missing = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Route: $"{o.Name} {p.Name}", Responses: o.Value.GetProperty("responses"))))
            .Where(o => !o.Responses.TryGetProperty("503", out _))
            .Select(o => o.Route)
            .ToList();
        Assert.Empty(missing);
    }

    private async Task<JsonElement> Document()
    {
        using var client = fixture.Anonymous();
        return await client.GetJsonAsync("/swagger/v1/swagger.json");
    }

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task EveryContractRoute_IsDescribed_WithEveryStatusItAnswers(string method, string path, int[] statuses)
    {
        var doc = await Document();
        Assert.True(doc.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
        var declared = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(statuses, s => Assert.Contains(s, declared));
        foreach (var error in declared.Where(s => s >= 400 && s != 503 || (s == 503 && path.StartsWith("/api", StringComparison.Ordinal))))
        {
            var content = operation.GetProperty("responses").GetProperty(error.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content");
            Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {error} is not a problem response");
        }
    }

    [Theory]
    [InlineData("OpenOrderRequest", new[] { "orderId", "channel" }, new[] { "table", "guests" })]
    [InlineData("AddLineRequest", new[] { "lineId", "menuItemId", "quantity" }, new[] { "note", "modifiers" })]
    [InlineData("AddPaymentRequest", new[] { "paymentId", "tender", "amountMinor" }, new[] { "tipMinor", "reference" })]
    [InlineData("VoidLineRequest", new[] { "reason" }, new string[0])]
    [InlineData("MenuItemRequest", new[] { "id", "name", "priceMinor", "taxRateBp", "station" }, new string[0])]
    [InlineData("OrderView", new[] { "orderId", "number", "channel", "table", "status", "version", "businessDate", "openedAt", "closedAt", "lines", "subtotalMinor", "taxMinor", "totalMinor", "paidMinor", "tipMinor", "balanceMinor", "payments" }, new string[0])]
    [InlineData("OrderLineView", new[] { "lineId", "menuItemId", "name", "quantity", "unitPriceMinor", "taxRateBp", "note", "modifiers", "status" }, new string[0])]
    [InlineData("DailyReport", new[] { "businessDate", "ordersClosed", "ordersOpen", "grossSalesMinor", "voidsMinor", "netSalesMinor", "taxMinor", "tipsMinor", "tenders", "items" }, new string[0])]
    [InlineData("RegisterDeviceRequest", new[] { "deviceId", "name", "role" }, new string[0])]
    [InlineData("DeviceRegistered", new[] { "deviceId", "token" }, new string[0])]
    [InlineData("DeviceView", new[] { "deviceId", "name", "role", "createdAt" }, new string[0])]
    [InlineData("CommandBatchRequest", new[] { "deviceId", "commands" }, new string[0])]
    [InlineData("DeviceCommandRequest", new[] { "commandId", "type", "orderId", "issuedAt" }, new[] { "expectedVersion", "payload" })]
    [InlineData("DeviceCommandResult", new[] { "commandId", "outcome", "order", "problem" }, new string[0])]
    [InlineData("JournalEventResponse", new[] { "seq", "eventId", "streamId", "type", "occurredAt", "deviceId", "data" }, new string[0])]
    public async Task Schemas_MarkRequiredFieldsAsRequired(string schema, string[] required, string[] optional)
    {
        var doc = await Document();
        var s = doc.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        var marked = s.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        Assert.All(required, f => Assert.Contains(f, marked));
        Assert.All(optional, f => Assert.DoesNotContain(f, marked));
        Assert.All(required.Concat(optional), f => Assert.True(s.GetProperty("properties").TryGetProperty(f, out _), $"{schema}.{f} is not described"));
    }

    [Fact]
    public async Task Enums_AreDescribedAsTheStringsOnTheWire()
    {
        var doc = await Document();
        var channel = doc.GetProperty("components").GetProperty("schemas").GetProperty("Channel");
        Assert.Equal(["dine-in", "takeout", "delivery"], channel.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync("/swagger/index.html");
        Assert.True(response.IsSuccessStatusCode);
    }
}
