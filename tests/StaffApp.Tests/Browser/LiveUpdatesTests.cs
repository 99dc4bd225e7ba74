using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Another device's changes reach the phone's screens while they are shown, through the appliance's event stream: no
/// reload, no tap. A mark put on the page's window first proves the page was not loaded again.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class LiveUpdatesTests(StaffAppRig rig)
{
    // Well under any refresh the screens do on their own (they do none): only the stream can bring it this fast.
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task An_order_opened_on_another_device_appears_on_the_floor_without_a_reload()
    {
        using var admin = rig.NewAdminClient();
        await admin.PutMenuAsync();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await MarkPageAsync(phone);

        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "41", burgers: 2);

        var entry = phone.Page.Locator($"li.order[data-order-id='{orderId}']");
        await entry.WaitForAsync(Soon);
        Assert.Equal("Table 41", await entry.Locator(".order-where").InnerTextAsync());
        // The burgers came in a second event of the order, after it was opened.
        await phone.Page.Locator($"li.order[data-order-id='{orderId}'] .order-total", new() { HasTextString = "USD 27.06" }).WaitForAsync(Soon);
        await AssertSamePageAsync(phone);
    }

    [Fact]
    public async Task A_line_added_and_the_order_closed_on_another_device_show_on_the_open_order_screen_without_a_reload()
    {
        using var admin = rig.NewAdminClient();
        await admin.PutMenuAsync();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        var orderId = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "42");
        await phone.Page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        await MarkPageAsync(phone);

        var lineId = Guid.NewGuid();
        (await admin.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();

        var line = phone.Page.Locator($"li.line[data-line-id='{lineId}']");
        await line.WaitForAsync(Soon);
        Assert.Contains("Burger", await line.InnerTextAsync(), StringComparison.Ordinal);

        // The other device removes the line and the floor forgets the order once it is paid and closed elsewhere.
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{lineId}/void", new { reason = "wrong table" })).EnsureSuccessStatusCode();
        await phone.Page.Locator($"li.line[data-line-id='{lineId}'][data-status='voided']").WaitForAsync(Soon);
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Floor", Exact = true }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
        await phone.Page.Locator($"li.order[data-order-id='{orderId}']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await AssertSamePageAsync(phone);
    }

    private static Task MarkPageAsync(Phone phone) => phone.Page.EvaluateAsync("() => { window.posNotReloaded = true; }");

    private static async Task AssertSamePageAsync(Phone phone) =>
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => window.posNotReloaded === true"), "the page was loaded again");
}
