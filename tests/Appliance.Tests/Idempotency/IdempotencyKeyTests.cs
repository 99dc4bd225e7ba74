using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Idempotency;

public sealed class IdempotencyKeyTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task RetriedOpen_WithSameKey_ReturnsTheFirstResponse_AndCreatesNothing()
    {
        var orderId = Guid.NewGuid();
        var key = $"open-{Guid.NewGuid()}";
        var body = new { orderId, channel = "takeout" };
        using var first = await _client.SendAsync(Post("/api/v1/orders", body, key));
        var firstBody = await first.Content.ReadAsStringAsync();
        var head = await fixture.HeadSeqAsync();

        using var retry = await _client.SendAsync(Post("/api/v1/orders", body, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task RetriedLine_AfterTheOrderMovedOn_ReturnsTheFirstBody_AndAddsNoSecondLine()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var key = $"line-{Guid.NewGuid()}";
        var line = new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 };
        using var first = await _client.SendAsync(Post($"/api/v1/orders/{orderId}/lines", line, key));
        var firstBody = await first.Content.ReadAsStringAsync();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var retry = await _client.SendAsync(Post($"/api/v1/orders/{orderId}/lines", line, key));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(head, await fixture.HeadSeqAsync());
        var order = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(2, order.GetProperty("lines").GetArrayLength());
        Assert.Equal(3, order.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task SameKey_WithAnotherBody_Is422_AndChangesNothing()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var key = $"line-{Guid.NewGuid()}";
        (await _client.SendAsync(Post($"/api/v1/orders/{orderId}/lines", new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 }, key)))
            .EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var other = await _client.SendAsync(Post($"/api/v1/orders/{orderId}/lines", new { lineId = Guid.NewGuid(), menuItemId = "ipa", quantity = 4 }, key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("idempotency-key-reused", (await other.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(1, (await _client.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task RetriedLine_WithoutKey_IsRecognisedByItsLineId()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var lineId = Guid.NewGuid();
        (await _client.AddLineAsync(orderId, lineId, "burger", 2)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var retry = await _client.AddLineAsync(orderId, lineId, "burger", 2);
        using var clash = await _client.AddLineAsync(orderId, lineId, "burger", 3);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await retry.JsonAsync()).GetProperty("lines").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("line-exists", (await clash.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task OverlongKey_Is400()
    {
        using var response = await _client.SendAsync(Post("/api/v1/orders", new { orderId = Guid.NewGuid(), channel = "takeout" }, new string('k', 256)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation-failed", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheSameKey_FromTwoDevices_IsTwoRequests_EachAnsweredForItsOwn()
    {
        using var tillA = fixture.Appliance.NewClient(await _client.RegisterDeviceAsync(PosClient.NewDeviceId("till-a-")));
        using var tillB = fixture.Appliance.NewClient(await _client.RegisterDeviceAsync(PosClient.NewDeviceId("till-b-")));
        var key = $"open-{Guid.NewGuid()}";
        var (orderA, orderB) = (Guid.NewGuid(), Guid.NewGuid());

        using var first = await tillA.SendAsync(Post("/api/v1/orders", new { orderId = orderA, channel = "takeout" }, key));
        using var second = await tillB.SendAsync(Post("/api/v1/orders", new { orderId = orderB, channel = "dine-in" }, key));
        using var replay = await tillA.SendAsync(Post("/api/v1/orders", new { orderId = orderA, channel = "takeout" }, key));
        using var reused = await tillB.SendAsync(Post("/api/v1/orders", new { orderId = orderA, channel = "takeout" }, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(orderB, (await second.JsonAsync()).GetProperty("orderId").GetGuid());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        // Within one device the key still means one request.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency-key-reused", (await reused.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AKeyShapedLikeADevicesCommandId_IsAKeyLikeAnyOther()
    {
        using var response = await _client.SendAsync(Post("/api/v1/orders", new { orderId = Guid.NewGuid(), channel = "takeout" }, "cmd:till-2:42"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("key\u0001one")]
    [InlineData("key\u007fone")]
    public async Task AKeyWithAControlCharacter_Is400_AndChangesNothing(string key)
    {
        var head = await fixture.HeadSeqAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { orderId = Guid.NewGuid(), channel = "takeout" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }
}
