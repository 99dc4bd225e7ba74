using Microsoft.Playwright;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>The floor screen in a real browser at phone size, against the real appliance.</summary>
[Collection(StaffAppCollection.Name)]
public sealed class FloorTests(StaffAppRig rig)
{
    [Fact]
    public async Task The_floor_lists_the_open_orders_made_through_the_api_with_table_number_total_and_who_opened_them()
    {
        using var admin = rig.NewAdminClient();
        using var ana = await StaffAppSteps.NewDeviceAsync(rig, admin, "Ana's phone");
        using var bar = await StaffAppSteps.NewDeviceAsync(rig, admin, "Bar till");
        var table4 = await StaffAppSteps.OpenOrderAsync(admin, "4", burgers: 2, device: ana);
        var table12 = await StaffAppSteps.OpenOrderAsync(admin, "12", burgers: 0, device: bar);
        var byAdmin = await StaffAppSteps.OpenOrderAsync(admin, "15", burgers: 1);
        await using var phone = await rig.NewPhoneAsync();

        await StaffAppSteps.PairAsync(phone, admin);

        var four = await StaffAppSteps.FloorEntryAsync(phone, table4);
        // Two burgers at 12.50 with 8.25% tax: 25.00 + 2.06.
        Assert.Equal("Table 4", await four.Locator(".order-where").InnerTextAsync());
        Assert.Equal("USD 27.06", await four.Locator(".order-total").InnerTextAsync());
        Assert.StartsWith("#", await four.Locator(".order-number").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("by Ana's phone", await four.Locator(".order-opener").InnerTextAsync());
        var twelve = await StaffAppSteps.FloorEntryAsync(phone, table12);
        Assert.Equal("USD 0.00", await twelve.Locator(".order-total").InnerTextAsync());
        Assert.Equal("by Bar till", await twelve.Locator(".order-opener").InnerTextAsync());
        // The admin credential is no registered device: it is named by its id.
        Assert.Equal("by admin", await (await StaffAppSteps.FloorEntryAsync(phone, byAdmin)).Locator(".order-opener").InnerTextAsync());
        var tables = await phone.Page.Locator(".order-where").AllInnerTextsAsync();
        Assert.True(tables.ToList().IndexOf("Table 4") < tables.ToList().IndexOf("Table 12"), "tables in number order: " + string.Join(", ", tables));
        Assert.Equal("saved", await phone.Page.Locator(".banner").GetAttributeAsync("data-state"));
        Assert.Equal("All saved", await phone.Page.Locator(".banner").InnerTextAsync());
        await Screenshots.TakeAsync(phone.Page, "floor");
    }

    [Fact]
    public async Task The_floor_has_no_serious_or_critical_accessibility_violation()
    {
        using var admin = rig.NewAdminClient();
        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "7", burgers: 1);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.FloorEntryAsync(phone, orderId);

        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
    }

    [Fact]
    public async Task A_phone_without_a_token_is_offered_pairing_and_the_pairing_screen_passes_axe()
    {
        await using var phone = await rig.NewPhoneAsync();

        await phone.Page.GotoAsync("/");

        await phone.Page.GetByText("This phone is not paired with the appliance yet.").WaitForAsync();
        await phone.Page.Locator(".banner[data-state='not-paired']").WaitForAsync();
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Pair this phone" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Pair this phone" }).WaitForAsync();
        Assert.EndsWith("/pair", phone.Page.Url, StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "pairing");
    }
}
