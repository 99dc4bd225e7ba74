using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Menu depth on a phone: a steak whose temperature must be chosen, added for a seat and a held course and fired with
/// its course alone; an item 86'd by the manager shows sold out on a second phone, live, and cannot be added.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class MenuDepthScreenTests(StaffAppRig rig)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static object Menu() => new
    {
        currency = "USD",
        items = new object[]
        {
            new
            {
                id = "steak", name = "Steak", priceMinor = 2500, taxRateBp = 0, station = "kitchen",
                modifierGroups = new object[]
                {
                    new { id = "temp", name = "Temperature", min = 1, max = 1, options = new object[] { new { id = "rare", name = "Rare", priceMinor = 0 }, new { id = "medium", name = "Medium", priceMinor = 0 } } },
                    new { id = "sides", name = "Sides", min = 0, max = 2, options = new object[] { new { id = "fries", name = "Fries", priceMinor = 300 }, new { id = "salad", name = "Salad", priceMinor = 250 } } },
                },
            },
            new { id = "soup", name = "Soup", priceMinor = 600, taxRateBp = 0, station = "kitchen" },
        },
    };

    [Fact]
    public async Task A_required_choice_a_seat_and_a_held_course_fired_alone_and_an_86_refused_on_a_second_phone()
    {
        using var admin = rig.NewAdminClient();
        (await admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/menu/items/soup/availability", new { status = "available" })).EnsureSuccessStatusCode();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        var page = phone.Page;
        var orderId = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "31");
        await page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();

        // A tap on the steak opens the sheet: its temperature is required before it can be added.
        await StaffAppSteps.TapItemAsync(phone, "steak");
        var add = page.GetByRole(AriaRole.Button, new() { Name = "Add to the order" });
        Assert.True(await add.IsDisabledAsync());
        await page.GetByLabel("Medium").CheckAsync();
        await page.GetByLabel("Fries").CheckAsync();
        await page.GetByLabel("Seat", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Course", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Hold until its course is fired").CheckAsync();
        await add.ClickAsync();
        await StaffAppSteps.TapItemAsync(phone, "soup");
        var steak = page.Locator("li.line", new() { HasTextString = "Steak" });
        await page.Locator("li.line[data-status='pending'] .line-placement", new() { HasTextString = "Seat 2 · Course 2 · held" }).WaitForAsync();
        Assert.Contains("Medium, Fries", await steak.InnerTextAsync(), StringComparison.Ordinal);
        await Poll.UntilAsync(() => admin.GetJsonAsync($"/api/v1/orders/{orderId}"), o => o.GetProperty("lines").GetArrayLength() == 2, Patience, "both lines on the appliance");

        // Send to the kitchen: the soup goes, the held steak waits for its course.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the kitchen" }).ClickAsync();
        await page.Locator("li.line[data-status='fired']", new() { HasTextString = "Soup" }).WaitForAsync();
        Assert.Equal("pending", await steak.GetAttributeAsync("data-status"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Fire course 2" }).ClickAsync();
        await page.Locator("li.line[data-status='fired']", new() { HasTextString = "Steak" }).WaitForAsync();
        var order = await admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(2800, order.GetProperty("lines")[0].GetProperty("unitPriceMinor").GetInt64());
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshots.TakeAsync(page, "courses");

        // The manager 86es the soup: a second phone sees it sold out, live, and cannot add it.
        await using var second = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(second, admin);
        await StaffAppSteps.OpenOrderOnPhoneAsync(second, "32");
        await second.Page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        (await admin.PutAsJsonAsync("/api/v1/menu/items/soup/availability", new { status = "sold-out" })).EnsureSuccessStatusCode();
        var soldOut = second.Page.Locator("li.item.sold-out button.item-add[data-item-id='soup']");
        await soldOut.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await soldOut.IsDisabledAsync());
        Assert.Contains("sold out", await soldOut.InnerTextAsync(), StringComparison.Ordinal);
        (await admin.PutAsJsonAsync("/api/v1/menu/items/soup/availability", new { status = "available" })).EnsureSuccessStatusCode();
    }
}
