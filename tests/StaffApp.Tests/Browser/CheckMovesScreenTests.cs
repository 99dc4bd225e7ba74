using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Separate checks on a phone, in a real browser against the real appliance: a table of two whose lines carry seats
/// is split into a check per seat; one check moves to another table and the server signed in takes it over; the two
/// are merged back onto one check, which is then split evenly; the appliance's orders say exactly that.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class CheckMovesScreenTests(StaffAppRig rig)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_table_is_split_by_seat_one_check_moves_to_another_table_the_other_is_merged_back_and_it_is_split_evenly()
    {
        using var admin = rig.NewAdminClient();
        var pin = StaffAppSteps.NewPin();
        var noa = await StaffAppSteps.AddEmployeeAsync(admin, "Noa Split", "server", pin);
        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "51", burgers: 0);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = first, menuItemId = "burger", quantity = 1, seat = 1 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = second, menuItemId = "burger", quantity = 2, seat = 2 })).EnsureSuccessStatusCode();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.SignInAsync(phone, pin, "Noa Split");
        var page = phone.Page;

        // A check for each seat: two new checks, each with its seat's lines; the table's own check keeps none.
        await page.GotoAsync($"/order/{orderId}");
        await page.Locator("li.line .line-placement", new() { HasTextString = "Seat 2" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "A check for each seat" }).ClickAsync();
        var splits = page.Locator("ul.split-checks li.split-check");
        await page.Locator("ul.split-checks li.split-check", new() { HasTextString = "seat 2," }).WaitForAsync(new() { Timeout = 30_000 });
        await Poll.UntilAsync(() => splits.CountAsync(), n => n == 2, Patience, "two checks split from the table's");
        await page.Locator("ul.lines li.line").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await Axe.AssertNoSeriousViolationsAsync(page);
        // The section at the top of the screen, below the app's sticky header.
        await page.EvaluateAsync("window.scrollTo(0, document.getElementById('moves-heading').getBoundingClientRect().top + window.scrollY - 170)");
        await Screenshots.TakeAsync(page, "split-by-seat");

        var children = await Poll.UntilAsync(() => OpenOrdersSplitFromAsync(admin, orderId), c => c.Count == 2, Patience, "the two seat checks on the appliance");
        var bySeat = children.ToDictionary(c => c.GetProperty("lines")[0].GetProperty("seat").GetInt32());
        Assert.Equal(first, bySeat[1].GetProperty("lines")[0].GetProperty("lineId").GetGuid());
        Assert.Equal(second, bySeat[2].GetProperty("lines")[0].GetProperty("lineId").GetGuid());
        Assert.Equal(1250L, bySeat[1].GetProperty("subtotalMinor").GetInt64());
        Assert.Equal(2500L, bySeat[2].GetProperty("subtotalMinor").GetInt64());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("lines").EnumerateArray());

        // Seat 2 goes to the bar (table 60), and Noa takes it over.
        var seat2 = bySeat[2].GetProperty("orderId").GetGuid();
        await page.Locator($"ul.split-checks li.split-check[data-order-id='{seat2}'] a").ClickAsync();
        await page.Locator("li.line .line-placement", new() { HasTextString = "Seat 2" }).WaitForAsync();
        await page.GetByLabel("Move the check to table").FillAsync("60");
        await page.GetByLabel("Noa Split takes the check over").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the check" }).ClickAsync();
        await page.Locator("h1", new() { HasTextString = "Table 60" }).WaitForAsync(new() { Timeout = 30_000 });
        var moved = await Poll.UntilAsync(() => admin.GetJsonAsync($"/api/v1/orders/{seat2}"), o => o.GetProperty("table").GetString() == "60", Patience, "the check at table 60");
        Assert.Equal(noa, moved.GetProperty("serverId").GetString());

        // Seat 1's check is brought onto it: one check for both, the other closed into it.
        var seat1 = bySeat[1].GetProperty("orderId").GetGuid();
        await page.GetByLabel("Bring onto this check everything of").SelectOptionAsync(seat1.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge the checks" }).ClickAsync();
        await page.Locator("li.line", new() { HasTextString = "1 × Burger" }).WaitForAsync(new() { Timeout = 30_000 });
        var merged = await Poll.UntilAsync(() => admin.GetJsonAsync($"/api/v1/orders/{seat2}"), o => o.GetProperty("lines").GetArrayLength() == 2, Patience, "both seats on one check");
        Assert.Equal(3750L, merged.GetProperty("subtotalMinor").GetInt64());
        var gone = await admin.GetJsonAsync($"/api/v1/orders/{seat1}");
        Assert.Equal(("closed", seat2), (gone.GetProperty("status").GetString(), gone.GetProperty("mergedInto").GetGuid()));

        // The one check split evenly between the two guests: 40.59 is 20.30 and 20.29, to the cent.
        await page.GetByLabel("Split the balance evenly between (guests)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split evenly" }).ClickAsync();
        await page.Locator(".even-parts", new() { HasTextString = "each guest pays USD 20.30, USD 20.29" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal([2030L, 2029L], (await admin.GetJsonAsync($"/api/v1/orders/{seat2}")).GetProperty("evenPartsMinor").EnumerateArray().Select(p => p.GetInt64()));
        phone.AssertStayedOnTheLan();
    }

    private static async Task<List<JsonElement>> OpenOrdersSplitFromAsync(HttpClient admin, Guid parent)
    {
        var open = await admin.GetJsonAsync("/api/v1/orders?status=open");
        var orders = open.GetProperty("orders");
        return [.. orders.EnumerateArray().Where(o => o.TryGetProperty("splitFrom", out var from) && from.ValueKind == JsonValueKind.String && from.GetGuid() == parent)];
    }
}
