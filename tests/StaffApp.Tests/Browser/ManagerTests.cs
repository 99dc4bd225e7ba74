using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// The manager screen in a real browser at phone size against the real appliance: printers with their status, a
/// pairing code in large digits with its QR code drawn in the phone, a device revoked from the screen refused at once.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class ManagerTests(StaffAppRig rig)
{
    /// <summary>Pairs a manager's phone with a code the admin made and opens the manager screen.</summary>
    private static async Task OpenManagerScreenAsync(Phone phone, HttpClient admin)
    {
        await StaffAppSteps.PairAsync(phone, admin, role: "manager");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Manager" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Manager", Exact = true }).WaitForAsync();
    }

    private static async Task PutPrinterAsync(HttpClient admin, string printerId, string name, string station)
    {
        // Nothing listens on this port: the printer is there, and not reachable.
        using var put = await admin.PutAsJsonAsync($"/api/v1/printers/{printerId}", new { name, host = "127.0.0.1", port = FreePort.Next(), station });
        Assert.True(put.IsSuccessStatusCode, $"PUT printer answered {(int)put.StatusCode}");
    }

    [Fact]
    public async Task The_manager_screen_shows_the_printers_and_a_new_pairing_code_in_digits_and_as_a_qr_code()
    {
        using var admin = rig.NewAdminClient();
        await PutPrinterAsync(admin, "pass", "Pass", "kitchen");
        await using var phone = await rig.NewPhoneAsync();
        await OpenManagerScreenAsync(phone, admin);

        var printer = phone.Page.Locator("li.printer[data-printer-id='pass']");
        await printer.WaitForAsync();
        Assert.Equal("Pass", await printer.Locator(".printer-name").InnerTextAsync());
        Assert.Contains("waiting", await printer.Locator(".printer-queue").InnerTextAsync(), StringComparison.Ordinal);
        // The pass becomes the receipt printer of the bar station and of one till.
        await printer.GetByLabel("Guest checks and receipts of").FillAsync("bar, till-9");
        await printer.GetByRole(AriaRole.Button, new() { Name = "Save whose receipts Pass prints" }).ClickAsync();
        await phone.Page.GetByText("Pass prints the guest checks and receipts of bar, till-9.").WaitForAsync();
        var saved = await admin.GetJsonAsync("/api/v1/printers/pass");
        Assert.Equal(["bar", "till-9"], saved.GetProperty("receiptFor").EnumerateArray().Select(n => n.GetString()));
        await phone.Page.Locator(".sync-status").WaitForAsync();
        await phone.Page.Locator(".daily-report").WaitForAsync();

        await phone.Page.GetByLabel("Name of the phone (optional)").FillAsync("Patio phone");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Create a pairing code" }).ClickAsync();
        var code = phone.Page.Locator(".pairing-code");
        await code.WaitForAsync();
        var digits = string.Concat(await code.Locator(".pairing-group").AllInnerTextsAsync());
        Assert.Matches("^[0-9]{13}$", digits);
        // Screen readers read it digit by digit (a hidden text; the large groups are hidden from them).
        Assert.Equal($"Pairing code {string.Join(' ', digits.ToCharArray())}", await code.Locator(".visually-hidden").TextContentAsync());
        var qr = phone.Page.GetByRole(AriaRole.Img, new() { Name = "QR code that opens pairing with this code" });
        await qr.WaitForAsync();
        Assert.Equal("svg", await qr.EvaluateAsync<string>("e => e.tagName.toLowerCase()"));
        Assert.True(await qr.Locator("path").CountAsync() == 1);

        // The code works: a phone pairs with it.
        using var anonymous = new HttpClient { BaseAddress = rig.BaseAddress };
        using var pair = await anonymous.PostAsJsonAsync("/api/v1/pairing", new { code = digits, name = "Patio phone" });
        Assert.Equal(HttpStatusCode.Created, pair.StatusCode);

        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "manager");
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task A_device_revoked_from_the_manager_screen_is_refused_at_once()
    {
        using var admin = rig.NewAdminClient();
        var tillId = "till-" + Guid.NewGuid().ToString("N")[..8];
        var tillToken = await admin.RegisterDeviceAsync(tillId, name: "Till " + tillId[5..]);
        using var till = PosClient.NewClient(rig.BaseAddress, tillToken);
        using (var before = await till.GetAsync("/api/v1/orders?status=open"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        await using var phone = await rig.NewPhoneAsync();
        await OpenManagerScreenAsync(phone, admin);

        var name = "Till " + tillId[5..];
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        var confirm = phone.Page.GetByRole(AriaRole.Alertdialog);
        await confirm.WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await confirm.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await phone.Page.GetByText($"{name} is revoked.").WaitForAsync();
        await phone.Page.Locator($"li.device[data-device-id='{tillId}'] .status", new() { HasTextString = "Revoked" }).WaitForAsync();

        using var after = await till.GetAsync("/api/v1/orders?status=open");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task A_server_s_phone_on_the_manager_screen_is_told_it_needs_a_manager_where_its_role_may_not_go()
    {
        using var admin = rig.NewAdminClient();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin, role: "server");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Manager" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Manager", Exact = true }).WaitForAsync();

        await phone.Page.Locator(".needs-a-manager").WaitForAsync();
        // The day's report and the devices are a manager's: each says so in its place, naming the permission.
        foreach (var section in new[] { "Today's report", "Tabs left open" })
        {
            await phone.Page.GetByRole(AriaRole.Region, new() { Name = section })
                .GetByText("Needs a manager: this phone's role may not do this (reports.read).").WaitForAsync();
        }
        await phone.Page.GetByText("Needs a manager: this phone's role may not do this (devices.manage).").First.WaitForAsync();
        // What a server may read is still shown: the printers and the store's sync.
        await phone.Page.Locator(".sync-status").WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task A_printer_is_removed_from_the_manager_screen_and_one_that_is_a_backup_names_whose()
    {
        using var admin = rig.NewAdminClient();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (main, spare) = ($"main-{tag}", $"spare-{tag}");
        await PutPrinterAsync(admin, spare, $"Spare {tag}", $"grill{tag}");
        using (var put = await admin.PutAsJsonAsync($"/api/v1/printers/{main}",
            new { name = $"Main {tag}", host = "127.0.0.1", port = FreePort.Next(), station = $"grill{tag}", backupPrinterId = spare }))
        {
            Assert.True(put.IsSuccessStatusCode, $"PUT printer answered {(int)put.StatusCode}");
        }
        await using var phone = await rig.NewPhoneAsync();
        await OpenManagerScreenAsync(phone, admin);

        var spareItem = phone.Page.Locator($"li.printer[data-printer-id='{spare}']");
        await spareItem.GetByRole(AriaRole.Button, new() { Name = $"Remove Spare {tag}" }).ClickAsync();
        await spareItem.GetByRole(AriaRole.Button, new() { Name = $"Yes, remove Spare {tag}" }).ClickAsync();
        var refused = spareItem.Locator(".printer-removal [role=alert]");
        await refused.WaitForAsync();
        Assert.Contains($"Spare {tag} is the backup of Main {tag}", await refused.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);

        var mainItem = phone.Page.Locator($"li.printer[data-printer-id='{main}']");
        await mainItem.GetByRole(AriaRole.Button, new() { Name = $"Remove Main {tag}" }).ClickAsync();
        await mainItem.GetByRole(AriaRole.Button, new() { Name = $"Yes, remove Main {tag}" }).ClickAsync();
        await phone.Page.GetByText($"Main {tag} was removed.").WaitForAsync();
        await mainItem.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        using (var printers = await admin.GetAsync($"/api/v1/printers/{main}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, printers.StatusCode);
        }
        phone.AssertStayedOnTheLan();
    }
}
