using System.Net;
using System.Text.Json;

namespace Pos.Cloud.Tests;

/// <summary>A body larger than an HQ route takes is 413 body-too-large, the appliance's code (a journal batch keeps batch-too-large).</summary>
public sealed class BodyTooLargeTests : CloudTest
{
    [Theory]
    [InlineData("/cloud/v1/stores/downtown")]
    [InlineData("/cloud/v1/stores/downtown/menu")]
    public async Task A_body_past_the_servers_limit_on_an_hq_route_is_413_body_too_large_and_changes_nothing(string route)
    {
        // Kestrel's limit is 30,000,000 bytes; sent chunked, so it is found only while the body is read.
        var body = new byte[30_000_001];
        body.AsSpan().Fill((byte)' ');
        body[0] = (byte)'{';
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, route) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage response;
        try
        {
            response = await Hq.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"the connection was closed before an answer: {e.Message}");
            return;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.True(problem.TryGetProperty("code", out var code) && code.GetString() == "body-too-large", text);
            Assert.Equal("https://pos-appliance.dev/problems/body-too-large", problem.GetProperty("type").GetString());
            Assert.Contains("30,000,000 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(0, JsonDocument.Parse(await Hq.GetStringAsync("/cloud/v1/stores")).RootElement.GetProperty("stores").GetArrayLength());
    }
}
