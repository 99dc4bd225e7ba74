using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Sync;

/// <summary>
/// The Hangfire dashboard takes writes from its own pages only: a browser that cached the admin's Basic credentials
/// sends them with another site's form post too.
/// </summary>
public sealed class DashboardCrossSiteTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;

    public async Task InitializeAsync() => _appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string>
    {
        // A cloud link (the dashboard is there only with one) to a port nobody answers on: sync just backs off.
        ["POS_CLOUD_URL"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
        ["POS_STORE_ID"] = "dashboard",
        ["POS_STORE_SECRET"] = Convert.ToBase64String(new byte[32]),
    });

    public async Task DisposeAsync() => await _appliance.DisposeAsync();

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_post_from_another_site_with_the_browsers_cached_credentials_is_403(string header, string value)
    {
        using var response = await TriggerAsync((header, value));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_post_from_the_dashboards_own_pages_or_a_script_is_taken()
    {
        var own = _appliance.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var sameOrigin = await TriggerAsync(("Origin", own), ("Sec-Fetch-Site", "same-origin"));
        Assert.Equal(HttpStatusCode.NoContent, sameOrigin.StatusCode);
        using var script = await TriggerAsync();
        Assert.Equal(HttpStatusCode.NoContent, script.StatusCode);
        // Reading stays open to the admin's browser wherever the page was opened from.
        using var browser = Browser();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring") { Headers = { { "Sec-Fetch-Site", "cross-site" } } };
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(page)).StatusCode);
    }

    /// <summary>The dashboard's "Trigger now" on the recurring sync job, as a browser with cached Basic credentials posts it.</summary>
    private async Task<HttpResponseMessage> TriggerAsync(params (string Name, string Value)[] headers)
    {
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "journal-sync")]),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await browser.SendAsync(request);
    }

    private HttpClient Browser()
    {
        var client = new HttpClient { BaseAddress = _appliance.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{ApplianceFactory.AdminToken}")));
        return client;
    }
}
