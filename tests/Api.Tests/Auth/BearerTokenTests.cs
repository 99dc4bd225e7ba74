using System.Net;
using System.Net.Http.Headers;
using Pos.Tests.Shared;

namespace Pos.Api.Tests.Auth;

public sealed class BearerTokenTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task ApiRoutes_WithoutAValidToken_Are401Problems(string? token)
    {
        using var client = fixture.Anonymous();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.GetAsync("/api/v1/menu");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", (await response.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Writes_WithoutAToken_ChangeNothing()
    {
        using var admin = fixture.Appliance.NewClient();
        var head = (await admin.GetJsonAsync("/api/v1/journal?limit=1")).GetProperty("headSeq").GetInt64();
        using var client = fixture.Anonymous();
        using var response = await client.OpenAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(head, (await admin.GetJsonAsync("/api/v1/journal?limit=1")).GetProperty("headSeq").GetInt64());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task HealthAndTheOpenApiDocument_AreOpen(string path)
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
