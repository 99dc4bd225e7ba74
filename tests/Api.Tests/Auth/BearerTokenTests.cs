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

    [Fact]
    public async Task TheAdminsBasicCredentials_AreRefusedOutsideTheDashboard_SoNoOtherSiteCanPostWithThem()
    {
        // What a browser that signed in to the sync dashboard sends with every request to the appliance.
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{ApplianceFactory.AdminToken}")));
        using var admin = fixture.Appliance.NewClient();
        var head = (await admin.GetJsonAsync("/api/v1/journal?limit=1")).GetProperty("headSeq").GetInt64();

        using var read = await client.GetAsync("/api/v1/menu");
        using var write = await client.PostAsync($"/api/v1/orders/{Guid.NewGuid()}/fire", null);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(head, (await admin.GetJsonAsync("/api/v1/journal?limit=1")).GetProperty("headSeq").GetInt64());
    }
}
