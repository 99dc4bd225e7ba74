using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

public sealed class IfMatchTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static HttpRequestMessage AddLine(Guid orderId, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
        {
            Content = JsonContent.Create(new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task StaleIfMatch_Is412_AndChangesNothing()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1)).EnsureSuccessStatusCode(); // now version 2
        var head = await fixture.HeadSeqAsync();

        using var stale = await _client.SendAsync(AddLine(orderId, "\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("version-mismatch", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(head, await fixture.HeadSeqAsync());
        var order = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(2, order.GetProperty("version").GetInt32());
        Assert.Equal(1, order.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task CurrentIfMatch_IsApplied_AndAnswersTheNewETag()
    {
        var orderId = Guid.NewGuid();
        using var open = await _client.OpenAsync(orderId);

        using var added = await _client.SendAsync(AddLine(orderId, open.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("\"2\"", added.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GarbledIfMatch_Is400()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        using var response = await _client.SendAsync(AddLine(orderId, "version two"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, (await _client.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("version").GetInt32());
    }
}
