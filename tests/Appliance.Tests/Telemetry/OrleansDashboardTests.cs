using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Telemetry;

/// <summary>The Orleans dashboard: off unless POS_ORLEANS_DASHBOARD is on, and then for the admin only.</summary>
public sealed class OrleansDashboardTests
{
    [Fact]
    public async Task The_dashboard_is_off_by_default()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var admin = appliance.NewClient();

        using var page = await admin.GetAsync("/orleans-dashboard/");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Orleans", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Once_on_the_dashboard_answers_the_admin_and_asks_anyone_else_to_sign_in()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string> { ["POS_ORLEANS_DASHBOARD"] = "1" });
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };
        using var device = appliance.NewClient(await appliance.NewClient().RegisterDeviceAsync("till-dash", role: "manager"));
        using var browser = new HttpClient { BaseAddress = appliance.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + ApplianceFactory.AdminToken)));

        using var refused = await anonymous.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic ", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var manager = await device.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, manager.StatusCode); // a manager's phone is not the admin

        using var page = await browser.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
