using System.Net;
using System.Net.Http.Json;
using System.Text;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

public sealed class BadInputTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    public static TheoryData<string, HttpStatusCode, string> Cases => new()
    {
        { "unknown-menu-item", HttpStatusCode.UnprocessableEntity, "unknown-menu-item" },
        { "negative-quantity", HttpStatusCode.BadRequest, "validation-failed" },
        { "payment-on-closed-order", HttpStatusCode.Conflict, "order-closed" },
        { "malformed-json", HttpStatusCode.BadRequest, "malformed-json" },
        { "wrong-type", HttpStatusCode.BadRequest, "validation-failed" },
        { "unknown-channel", HttpStatusCode.BadRequest, "validation-failed" },
        { "missing-line-id", HttpStatusCode.BadRequest, "validation-failed" },
        { "zero-payment", HttpStatusCode.BadRequest, "validation-failed" },
        { "card-overpayment", HttpStatusCode.Conflict, "overpayment" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_GetsAProblemWithAStableCode_AndTheJournalIsUnchanged(string kind, HttpStatusCode status, string code)
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        if (kind == "payment-on-closed-order")
        {
            (await _client.PayAsync(orderId, "card", 1353)).EnsureSuccessStatusCode();
            (await _client.PostAsync($"/api/v1/orders/{orderId}/close", null)).EnsureSuccessStatusCode();
        }
        var before = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
        var head = await fixture.HeadSeqAsync();

        using var response = kind switch
        {
            "unknown-menu-item" => await _client.AddLineAsync(orderId, Guid.NewGuid(), "lobster", 1),
            "negative-quantity" => await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", -2),
            "payment-on-closed-order" => await _client.PayAsync(orderId, "cash", 500),
            "malformed-json" => await Raw($"/api/v1/orders/{orderId}/lines", "{\"lineId\": \"" + Guid.NewGuid() + "\", \"menuItemId\": "),
            "wrong-type" => await Raw($"/api/v1/orders/{orderId}/lines", "{\"lineId\": \"" + Guid.NewGuid() + "\", \"menuItemId\": \"burger\", \"quantity\": \"two\"}"),
            "unknown-channel" => await Raw("/api/v1/orders", "{\"orderId\": \"" + Guid.NewGuid() + "\", \"channel\": \"drive-thru\"}"),
            "missing-line-id" => await _client.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { menuItemId = "burger", quantity = 1 }),
            "zero-payment" => await _client.PayAsync(orderId, "card", 0),
            "card-overpayment" => await _client.PayAsync(orderId, "card", 99_999),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"https://pos-appliance.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(head, await fixture.HeadSeqAsync());
        var after = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task ValidationProblem_NamesTheField()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        using var response = await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 0);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
    }

    [Fact]
    public async Task InvalidMenu_IsRefused_AndTheMenuIsUnchanged()
    {
        var before = await _client.GetJsonAsync("/api/v1/menu");
        var head = await fixture.HeadSeqAsync();
        using var response = await _client.PutAsJsonAsync("/api/v1/menu", new
        {
            currency = "usd",
            items = new[] { new { id = "x", name = "X", priceMinor = 100, taxRateBp = 0, station = "kitchen" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation-failed", (await response.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(before.GetRawText(), (await _client.GetJsonAsync("/api/v1/menu")).GetRawText());
    }

    private Task<HttpResponseMessage> Raw(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
