using System.Net;
using System.Text;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Idempotency;

/// <summary>
/// The answer is lost after the appliance committed (the connection drops on the way back), and the client
/// retries: the command has exactly one effect, and the retry is answered with what the first answer was.
/// </summary>
public sealed class LostResponseTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task LineWithAnIdempotencyKey_LostAnswer_RetryGetsTheFirstAnswerAgain_AndOneLine()
    {
        var orderId = await OpenAsync();
        var lineId = Guid.NewGuid();
        var body = $$"""{"lineId":"{{lineId}}","menuItemId":"burger","quantity":2}""";
        var key = $"line-{Guid.NewGuid()}";
        await using var proxy = new ResponseDroppingProxy(fixture.Appliance.BaseAddress);

        var lost = await SendAndLoseTheAnswerAsync(proxy, orderId, body, key, lineId);

        Assert.Equal(200, lost.Status);
        Assert.Equal("applied", lost.Headers["Pos-Command-Outcome"]);
        var head = await fixture.HeadSeqAsync();

        using var retry = await fixture.Client.SendAsync(AddLine(orderId, body, key));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(lost.Body, await retry.Content.ReadAsStringAsync());
        Assert.Equal(lost.Headers["ETag"], retry.Headers.ETag?.ToString());
        await AssertOneEffectAsync(orderId, lineId, head);
        Assert.Equal(1, proxy.Connections);
    }

    [Fact]
    public async Task LineWithoutAKey_LostAnswer_RetryIsRecognisedByItsLineId_AndGetsTheSameOrder()
    {
        var orderId = await OpenAsync();
        var lineId = Guid.NewGuid();
        var body = $$"""{"lineId":"{{lineId}}","menuItemId":"fries","quantity":3,"note":"extra salt"}""";
        await using var proxy = new ResponseDroppingProxy(fixture.Appliance.BaseAddress);

        var lost = await SendAndLoseTheAnswerAsync(proxy, orderId, body, key: null, lineId);

        Assert.Equal(200, lost.Status);
        Assert.Equal("applied", lost.Headers["Pos-Command-Outcome"]);
        var head = await fixture.HeadSeqAsync();

        using var retry = await fixture.Client.SendAsync(AddLine(orderId, body, key: null));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("duplicate", retry.Headers.GetValues("Pos-Command-Outcome").Single());
        Assert.Equal(lost.Body, await retry.Content.ReadAsStringAsync());
        Assert.Equal(lost.Headers["ETag"], retry.Headers.ETag?.ToString());
        await AssertOneEffectAsync(orderId, lineId, head);
        Assert.Equal(1, proxy.Connections);
    }

    /// <summary>
    /// Sends through the proxy, sees the client fail, waits for the journal to show the line (the appliance
    /// committed although the client never heard), and returns the answer the client did not get.
    /// </summary>
    private async Task<LostResponse> SendAndLoseTheAnswerAsync(ResponseDroppingProxy proxy, Guid orderId, string body, string? key, Guid lineId)
    {
        using var viaProxy = PosClient.NewClient(proxy.Address, ApplianceFactory.AdminToken);
        using var request = AddLine(orderId, body, key);
        request.Headers.ConnectionClose = true; // so the proxy can read the lost answer to its end

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => viaProxy.SendAsync(request));

        await Poll.UntilAsync(
            () => fixture.Client.ReadJournalAsync(), events => LinesAdded(events, lineId) == 1, Deadline, $"line {lineId} in the journal");
        return await proxy.NextLostAsync(Deadline);
    }

    private async Task AssertOneEffectAsync(Guid orderId, Guid lineId, long head)
    {
        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(1, LinesAdded(await fixture.Client.ReadJournalAsync(), lineId));
        var order = await fixture.Client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(lineId, Assert.Single(order.GetProperty("lines").EnumerateArray()).GetProperty("lineId").GetGuid());
        Assert.Equal(2, order.GetProperty("version").GetInt32());
    }

    private async Task<Guid> OpenAsync()
    {
        var orderId = Guid.NewGuid();
        (await fixture.Client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        return orderId;
    }

    private static HttpRequestMessage AddLine(Guid orderId, string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    private static int LinesAdded(IEnumerable<JsonElement> journal, Guid lineId) =>
        journal.Count(e => e.GetProperty("type").GetString() == "LineAdded"
            && e.GetProperty("data").GetProperty("lineId").GetGuid() == lineId);
}
