using Microsoft.Playwright;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>The app shell kept by the service worker: a reload while the appliance is gone still opens the app.</summary>
[Collection(StaffAppCollection.Name)]
public sealed class OfflineShellTests(StaffAppRig rig)
{
    [Fact]
    public async Task A_reload_with_the_appliance_stopped_opens_the_app_from_the_phone_and_says_the_appliance_is_unreachable()
    {
        using var admin = rig.NewAdminClient();
        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "9", burgers: 1);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.FloorEntryAsync(phone, orderId);
        await StaffAppSteps.WaitForOfflineShellAsync(phone);

        await rig.StopApplianceAsync();
        try
        {
            await phone.Page.ReloadAsync();

            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
            await phone.Page.GetByText("The appliance cannot be reached").WaitForAsync();
            var banner = phone.Page.Locator(".banner[data-state='unreachable']");
            await banner.WaitForAsync();
            Assert.Equal("Cannot reach the appliance: nothing from this phone is waiting", await banner.InnerTextAsync());
            await Screenshots.TakeAsync(phone.Page, "floor-appliance-unreachable");
        }
        finally
        {
            await rig.StartApplianceAsync();
        }
    }
}
