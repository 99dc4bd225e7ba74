using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Runs once the appliance's code serves the cash routes of the contract (/work/notes/cash.md): until the cash branch
/// is merged, these tests are skipped, saying why.
/// </summary>
public sealed class NeedsCashRoutesFactAttribute : FactAttribute
{
    public NeedsCashRoutesFactAttribute()
    {
        var api = Path.Combine(RepoPaths.Root, "Api");
        if (!Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories).Any(f => File.ReadAllText(f).Contains("drawer-sessions", StringComparison.Ordinal)))
        {
            Skip = "Waits for the cash routes (/api/v1/drawers, /drawer-sessions, /reports/z): not served by this appliance's code yet.";
        }
    }
}

/// <summary>
/// The drawer and Z report screens in a real browser against the real appliance: a server opens a drawer with a float,
/// pays in, counts and closes it short; the manager's Z report shows the day with that drawer's over/short.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class CashTests(StaffAppRig rig)
{
    [NeedsCashRoutesFact]
    public async Task A_server_opens_a_drawer_pays_in_counts_it_and_closes_it_short_and_the_z_report_shows_it()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        // A receipt printer nobody listens at: the drawer is wired to it, its kicks simply wait.
        (await admin.PutAsJsonAsync("/api/v1/printers/receipt", new { name = "Receipt", host = "127.0.0.1", port = FreePort.Next(), station = "receipt" }))
            .EnsureSuccessStatusCode();
        var drawerId = "front-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PutAsJsonAsync($"/api/v1/drawers/{drawerId}", new { name = "Front drawer " + drawerId[6..], printerId = "receipt" })).EnsureSuccessStatusCode();
        var pin = StaffAppSteps.NewPin();
        var ana = await StaffAppSteps.AddEmployeeAsync(admin, "Ana Drawer", "server", pin);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.SignInAsync(phone, pin, "Ana Drawer");

        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Shift" }).ClickAsync();
        var drawer = phone.Page.Locator($"li.drawer-item[data-drawer-id='{drawerId}']");
        await drawer.GetByLabel("Float in").FillAsync("150");
        await drawer.GetByRole(AriaRole.Button, new() { Name = "Open Front drawer" }).ClickAsync();
        var session = phone.Page.Locator(".drawer-session");
        await session.WaitForAsync();
        Assert.Equal("USD 150.00", await session.Locator(".drawer-expected").InnerTextAsync());

        await session.GetByLabel("Amount").FillAsync("20");
        await session.GetByLabel("Reason").FillAsync("change from the bank");
        await session.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        await session.Locator(".drawer-expected", new() { HasTextString = "USD 170.00" }).WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "drawer");

        await session.GetByLabel("Counted in the drawer").FillAsync("168.50");
        await session.GetByRole(AriaRole.Button, new() { Name = "Close the drawer" }).ClickAsync();
        var closed = phone.Page.Locator(".drawer-closed");
        await closed.WaitForAsync();
        Assert.Contains("short by USD 1.50", await closed.InnerTextAsync(), StringComparison.Ordinal);

        await using var manager = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(manager, admin, role: "manager");
        await manager.Page.GetByRole(AriaRole.Link, new() { Name = "Manager" }).ClickAsync();
        var z = manager.Page.Locator("section[aria-labelledby='z-heading']");
        await z.GetByRole(AriaRole.Button, new() { Name = "Show the Z report" }).ClickAsync();
        var drawers = z.Locator(".z-drawers");
        await drawers.WaitForAsync();
        Assert.Contains($"{drawerId} · {ana}", await drawers.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("short USD 1.50", await drawers.InnerTextAsync(), StringComparison.Ordinal);
        await z.ScrollIntoViewIfNeededAsync();
        await Axe.AssertNoSeriousViolationsAsync(manager.Page);
        await Screenshots.TakeAsync(manager.Page, "z-report");
        phone.AssertStayedOnTheLan();
    }
}
