using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Orders taken on the phone against the real appliance: a whole order fired to a virtual printer and paid in cash,
/// lines added while the appliance is stopped and the page reloaded, a conflict shown, a revoked phone sent back.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class OrderScreenTests(StaffAppRig rig)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_whole_order_with_a_modifier_and_a_note_is_fired_to_the_printer_paid_in_cash_with_change_and_closed()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        (await admin.PutAsJsonAsync("/api/v1/printers/kitchen",
            new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" })).EnsureSuccessStatusCode();
        await using var front = VirtualPrinterHost.Start("front");
        (await admin.PutAsJsonAsync("/api/v1/printers/front",
            new { name = "Front", host = "127.0.0.1", port = front.Port, station = "receipt", receiptFor = new[] { "*" } })).EnsureSuccessStatusCode();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        var page = phone.Page;

        var orderId = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "21");
        await page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        // The menu under its categories, in the menu's order; a search keeps, in each, the items whose name or category matches.
        Assert.Equal(["Mains", "Sides", "Drinks"], await page.Locator("section.menu h3.category").AllInnerTextsAsync());
        await SearchShowsAsync(page, "", ["Mains: burger", "Sides: fries", "Drinks: ipa", "Drinks: soda"]);
        await SearchShowsAsync(page, "drinks", ["Drinks: ipa", "Drinks: soda"]);
        await SearchShowsAsync(page, "FRI", ["Sides: fries"]);
        await SearchShowsAsync(page, "so", ["Drinks: soda"]);
        await SearchShowsAsync(page, "lobster", []);
        await page.GetByText("No item of the menu matches").WaitForAsync();
        await SearchShowsAsync(page, "", ["Mains: burger", "Sides: fries", "Drinks: ipa", "Drinks: soda"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Burger with quantity, note or modifiers" }).ClickAsync();
        await page.GetByLabel("Modifiers (a comma between each)").FillAsync("no onion");
        await page.GetByLabel("Note for the kitchen").FillAsync("well done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the order" }).ClickAsync();
        var line = page.Locator("li.line").First;
        await page.Locator("li.line[data-status='pending']").WaitForAsync();
        Assert.Contains("no onion", await line.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "order");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send to the kitchen" }).ClickAsync();
        await page.Locator("li.line[data-status='fired']").WaitForAsync();
        var ticket = await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets), t => t.Count >= 1, Patience, "the ticket at the kitchen printer");
        Assert.Contains("Burger", ticket[0].Text, StringComparison.Ordinal);
        Assert.Contains("no onion", ticket[0].Text, StringComparison.Ordinal);
        Assert.Contains("well done", ticket[0].Text, StringComparison.Ordinal);

        // The guest check, on the store's receipt printer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Print the check" }).ClickAsync();
        var check = await Poll.UntilAsync(() => Task.FromResult(front.Tickets), t => t.Count >= 1, Patience, "the guest check at the receipt printer");
        Assert.Contains("GUEST CHECK", check[0].Text, StringComparison.Ordinal);
        Assert.Contains("13.53", check[0].Text, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Payment" }).ClickAsync();
        await page.GetByLabel("Cash handed over").FillAsync("20");
        // A burger at 12.50 with 8.25% tax is 13.53: 6.47 back from 20.
        Assert.Equal("USD 6.47", await page.Locator(".change-due").InnerTextAsync());
        await Axe.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "payment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" }).ClickAsync();
        await page.Locator(".order-balance", new() { HasTextString = "USD 0.00" }).WaitForAsync();
        await StaffAppSteps.BannerAsync(phone, "saved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Print the receipt" }).ClickAsync();
        var receipt = await Poll.UntilAsync(() => Task.FromResult(front.Tickets), t => t.Count >= 2, Patience, "the receipt at the receipt printer");
        Assert.Contains("RECEIPT", receipt[1].Text, StringComparison.Ordinal);
        Assert.Contains("6.47", receipt[1].Text, StringComparison.Ordinal); // the change
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the order" }).ClickAsync();

        var closed = await Poll.UntilAsync(() => admin.GetJsonAsync($"/api/v1/orders/{orderId}"),
            o => o.GetProperty("status").GetString() == "closed", Patience, "the order closed on the appliance");
        Assert.Equal(2000, closed.GetProperty("payments")[0].GetProperty("amountMinor").GetInt64());
        Assert.Equal(647, closed.GetProperty("payments")[0].GetProperty("changeMinor").GetInt64());
    }

    /// <summary>Types <paramref name="search"/> in the menu's search and waits until the items shown, as "Heading: itemId", are <paramref name="expected"/>.</summary>
    private static async Task SearchShowsAsync(IPage page, string search, string[] expected)
    {
        await page.GetByLabel("Search the menu").FillAsync(search);
        await Poll.UntilAsync(
            () => page.Locator("section.menu ul.items button.item-add").EvaluateAllAsync<string[]>(
                "buttons => buttons.map(b => b.closest('ul.items').getAttribute('aria-label') + ': ' + b.dataset.itemId)"),
            shown => shown.SequenceEqual(expected), TimeSpan.FromSeconds(10), $"[{string.Join(", ", expected)}] shown for the search '{search}'");
    }

    [Fact]
    public async Task Lines_added_with_the_appliance_stopped_survive_a_reload_are_counted_and_land_once_when_it_returns()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        await using var phone = await rig.NewPhoneAsync();
        var deviceId = await StaffAppSteps.PairAsync(phone, admin);
        var orderId = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "31");
        await phone.Page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        await StaffAppSteps.WaitForOfflineShellAsync(phone);

        await rig.StopApplianceAsync();
        Guid newOrder;
        try
        {
            await StaffAppSteps.TapItemAsync(phone, "fries");
            await StaffAppSteps.TapItemAsync(phone, "soda");
            // Each line shows "saving" at once, then "queued" once its command is written to the phone's outbox.
            await phone.Page.Locator("li.line[data-status='queued']").Nth(1).WaitForAsync();
            Assert.Equal(2, await phone.Page.Locator("li.line[data-status='queued']").CountAsync());
            await phone.Page.ReloadAsync();
            await phone.Page.Locator("li.line[data-status='queued']").Nth(1).WaitForAsync();
            Assert.Equal("2 changes waiting for the appliance", await StaffAppSteps.BannerAsync(phone, "waiting"));
            Assert.Equal("queued on this phone", await phone.Page.Locator("li.line .line-status").First.InnerTextAsync());

            await phone.Page.GotoAsync("/");
            newOrder = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "32");
            await phone.Page.GetByText("new order, waiting for its number").WaitForAsync();
            Assert.Equal("3 changes waiting for the appliance", await StaffAppSteps.BannerAsync(phone, "waiting"));
            await Screenshots.TakeAsync(phone.Page, "order-appliance-unreachable");
        }
        finally
        {
            await rig.StartApplianceAsync();
        }

        Assert.Equal("All saved", await StaffAppSteps.BannerAsync(phone, "saved", 60_000));
        await phone.Page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        var order = await admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(new[] { "fries", "soda" }, order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("menuItemId").GetString()!).Order().ToArray());
        var journal = await admin.ReadJournalAsync();
        var added = journal.Where(e => e.GetRawText().Contains(orderId.ToString(), StringComparison.OrdinalIgnoreCase)
            && e.GetProperty("type").GetString()!.Contains("line", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, added.Count);
        var opened = await admin.GetJsonAsync($"/api/v1/orders/{newOrder}");
        Assert.Equal("open", opened.GetProperty("status").GetString());
        // Opened by this phone while the appliance was away: the appliance names the phone, the floor says so.
        Assert.Equal(deviceId, opened.GetProperty("openedBy").GetProperty("deviceId").GetString());
        await phone.Page.GotoAsync("/");
        Assert.Equal("on this phone", await (await StaffAppSteps.FloorEntryAsync(phone, newOrder)).Locator(".order-opener").InnerTextAsync());
    }

    [Fact]
    public async Task A_line_queued_while_the_order_was_closed_elsewhere_is_shown_as_a_conflict_with_the_order_as_it_stands()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        var orderId = await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "41");
        await StaffAppSteps.TapItemAsync(phone, "soda");
        await phone.Page.Locator("li.line[data-status='pending']").WaitForAsync();
        await StaffAppSteps.BannerAsync(phone, "saved");

        await phone.Context.SetOfflineAsync(true);
        await StaffAppSteps.TapItemAsync(phone, "ipa");
        await phone.Page.Locator("li.line[data-status='queued']").WaitForAsync();
        (await admin.PayAsync(orderId, "cash", 199)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        await phone.Context.SetOfflineAsync(false);

        var problem = phone.Page.Locator("section.problem[data-outcome='conflict']");
        await problem.WaitForAsync(new() { Timeout = 60_000 });
        var text = await problem.InnerTextAsync();
        Assert.Contains("Not done: adding a line", text, StringComparison.Ordinal);
        Assert.Contains("closed", text, StringComparison.Ordinal);
        await Screenshots.TakeAsync(phone.Page, "order-conflict");
    }

    [Fact]
    public async Task A_revoked_phone_is_sent_back_to_pairing_and_names_the_change_it_keeps()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        await using var phone = await rig.NewPhoneAsync();
        var deviceId = await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.OpenOrderOnPhoneAsync(phone, "51");
        await phone.Page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();

        (await admin.DeleteAsync($"/api/v1/devices/{Uri.EscapeDataString(deviceId)}")).EnsureSuccessStatusCode();
        await StaffAppSteps.TapItemAsync(phone, "burger");

        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "This phone was unpaired" }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.EndsWith("/pair", phone.Page.Url, StringComparison.Ordinal);
        await phone.Page.GetByText("1 change is kept on this phone").WaitForAsync();
        await StaffAppSteps.BannerAsync(phone, "not-paired");
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
    }
}
