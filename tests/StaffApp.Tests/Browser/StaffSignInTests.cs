using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// People on a paired phone, in a real browser against the real appliance: sign-in on the PIN pad, who is signed in in
/// the shell, clock in and out, sign-out, a lock-out after wrong PINs, and a session that ends under the person's feet.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class StaffSignInTests(StaffAppRig rig)
{
    [Fact]
    public async Task A_server_signs_in_with_the_pin_pad_clocks_in_and_out_and_signs_out()
    {
        using var admin = rig.NewAdminClient();
        var pin = StaffAppSteps.NewPin();
        var ana = await StaffAppSteps.AddEmployeeAsync(admin, "Ana Ruiz", "server", pin);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);

        await phone.Page.Locator(".who[data-signed-in='false']").WaitForAsync();
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        var pad = phone.Page.Locator(".pin-pad");
        // A PIN pad, not a field: nothing for the browser to fill in or save.
        Assert.Equal(0, await phone.Page.Locator("main input").CountAsync());
        foreach (var digit in pin[..4])
        {
            await pad.Locator("button.pin-key", new() { HasTextString = digit.ToString() }).First.ClickAsync();
        }
        Assert.Equal("●●●●", await phone.Page.Locator(".pin-dots [aria-hidden]").InnerTextAsync());
        Assert.DoesNotContain(pin[..4], await phone.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var box = await pad.Locator("button.pin-key").First.BoundingBoxAsync();
        Assert.True(box!.Height >= 48 && box.Width >= 48, $"a key is {box.Width}x{box.Height} px");
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "sign-in");
        foreach (var digit in pin[4..])
        {
            await pad.Locator("button.pin-key", new() { HasTextString = digit.ToString() }).First.ClickAsync();
        }
        await pad.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
        Assert.Contains("Ana Ruiz", await phone.Page.Locator(".who-name").InnerTextAsync(), StringComparison.Ordinal);

        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Shift" }).ClickAsync();
        await phone.Page.Locator(".shift-state[data-clocked-in='false']").WaitForAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Clock in" }).ClickAsync();
        await phone.Page.Locator(".shift-state[data-clocked-in='true']").WaitForAsync();
        var people = await admin.GetJsonAsync("/api/v1/employees");
        Assert.True(Person(people, ana).TryGetProperty("clockedInAt", out var since) && since.ValueKind == JsonValueKind.String);
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "shift");

        // A reload keeps the person and what the phone knows of their shift.
        await phone.Page.ReloadAsync();
        await phone.Page.Locator(".shift-state[data-clocked-in='true']").WaitForAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Clock out" }).ClickAsync();
        await phone.Page.Locator(".shift-state[data-clocked-in='false']").WaitForAsync();
        await phone.Page.Locator(".shift-said", new() { HasTextString = "worked" }).WaitForAsync();

        // The clock-in and out are journaled as Ana's, on this phone.
        var journal = await admin.ReadJournalAsync();
        var clocked = journal.Where(e => e.GetProperty("type").GetString() is "ClockedIn" or "ClockedOut").Where(e => Data(e).GetProperty("employeeId").GetString() == ana).ToList();
        Assert.Equal(2, clocked.Count);

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await phone.Page.Locator(".who[data-signed-in='false']").WaitForAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await Poll.UntilAsync(() => admin.ReadJournalAsync(), es => es.Any(e => e.GetProperty("type").GetString() == "StaffSignedOut"
            && Data(e).GetProperty("employeeId").GetString() == ana), TimeSpan.FromSeconds(20), "Ana's sign-out in the journal");
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task Wrong_pins_lock_the_phone_out_and_the_pad_says_until_when()
    {
        using var admin = rig.NewAdminClient();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await phone.Page.GotoAsync("/sign-in");
        var pad = phone.Page.Locator(".pin-pad");

        for (var i = 1; i <= 6; i++)
        {
            // Each try waits for the appliance's answer before the next.
            await phone.Page.RunAndWaitForResponseAsync(() => StaffAppSteps.TypePinAsync(pad, $"0000000{i}", "Sign in"),
                r => r.Url.EndsWith("/api/v1/staff-sessions", StringComparison.Ordinal));
            if (i == 1)
            {
                await phone.Page.Locator(".pin-refused", new() { HasTextString = "That PIN is not right." }).WaitForAsync();
            }
        }

        var said = phone.Page.Locator(".pin-refused", new() { HasTextString = "locked on this phone until" });
        await said.WaitForAsync();
        Assert.Matches("until [0-9]{2}:[0-9]{2}", await said.InnerTextAsync());
        Assert.Equal("alert", await said.GetAttributeAsync("role"));
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task A_session_ended_on_the_appliance_sends_the_phone_back_to_the_pin_pad_and_nothing_queued_is_lost()
    {
        using var admin = rig.NewAdminClient();
        await StaffAppSteps.PutMenuAsync(admin);
        var pin = StaffAppSteps.NewPin();
        await StaffAppSteps.AddEmployeeAsync(admin, "Ben Okafor", "server", pin);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.SignInAsync(phone, pin, "Ben Okafor");

        // The session ends on the appliance (as at the end of its 12 hours): its token is refused from now on.
        var token = await phone.Page.EvaluateAsync<string>("""
            () => new Promise((resolve, reject) => {
                const open = indexedDB.open('pos-staff');
                open.onsuccess = () => {
                    const read = open.result.transaction('documents').objectStore('documents').get('staff-sessions');
                    read.onsuccess = () => resolve(JSON.parse(read.result).current.sessionToken);
                    read.onerror = () => reject(read.error);
                };
            })
            """);
        using (var session = PosClient.NewClient(rig.BaseAddress, token))
        using (var ended = await session.DeleteAsync("/api/v1/staff-sessions/current"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        await phone.Page.GotoAsync("/");
        var table = "S" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await phone.Page.GetByLabel("Table").FillAsync(table);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Open the order" }).ClickAsync();

        await phone.Page.Locator(".session-ended").WaitForAsync();
        await phone.Page.Locator(".who[data-signed-in='false']").WaitForAsync();
        // What Ben queued reached the appliance, as the phone's (his session could no longer vouch for him).
        var orders = await Poll.UntilAsync(() => admin.GetJsonAsync("/api/v1/orders?status=open"),
            o => o.GetProperty("orders").EnumerateArray().Any(x => x.TryGetProperty("table", out var t) && t.GetString() == table),
            TimeSpan.FromSeconds(30), "the order opened under the ended session on the appliance");
        var orderId = orders.GetProperty("orders").EnumerateArray().Single(x => x.TryGetProperty("table", out var t) && t.GetString() == table).GetProperty("orderId").GetString();
        var opened = (await admin.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "OrderOpened" && e.GetProperty("streamId").GetString()!.Contains(orderId!, StringComparison.Ordinal));
        Assert.False(opened.TryGetProperty("employeeId", out var by) && by.ValueKind == JsonValueKind.String, "the order was recorded as Ben's");
        await StaffAppSteps.BannerAsync(phone, "saved");
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);

        // Ben signs in again on the pad the phone is on.
        await StaffAppSteps.TypePinAsync(phone.Page.Locator(".pin-pad"), pin, "Sign in");
        await phone.Page.Locator(".who[data-signed-in='true'] .who-name", new() { HasTextString = "Ben Okafor" }).WaitForAsync();
        phone.AssertStayedOnTheLan();
    }

    private static JsonElement Person(JsonElement people, string id) =>
        people.GetProperty("employees").EnumerateArray().Single(e => e.GetProperty("employeeId").GetString() == id);

    private static JsonElement Data(JsonElement entry) => entry.GetProperty("data");
}
