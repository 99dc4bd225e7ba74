using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// A manager's approval on the phone that asks for it, in a real browser against the real appliance: a server voids a
/// line already fired, the appliance refuses it for want of lines.void-fired, the phone offers the prompt, a wrong PIN
/// and a server's PIN are refused in words, a manager's PIN sends the void again and the journal records who approved.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class ApprovalTests(StaffAppRig rig)
{
    [Fact]
    public async Task A_server_s_void_of_a_fired_line_is_done_once_a_manager_approves_it_with_their_pin_on_the_phone()
    {
        using var admin = rig.NewAdminClient();
        var managerPin = StaffAppSteps.NewPin();
        var serverPin = StaffAppSteps.NewPin();
        var mia = await StaffAppSteps.AddEmployeeAsync(admin, "Mia Chen", "manager", managerPin);
        var sam = await StaffAppSteps.AddEmployeeAsync(admin, "Sam Diaz", "server", serverPin);
        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "44", burgers: 1);
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.SignInAsync(phone, serverPin, "Sam Diaz");

        await phone.Page.GotoAsync($"/order/{orderId}");
        var line = phone.Page.Locator("li.line[data-status='fired']");
        await line.WaitForAsync();
        await line.GetByRole(AriaRole.Button, new() { Name = "Void Burger" }).ClickAsync();
        await phone.Page.GetByLabel("Why void Burger?").FillAsync("guest changed their mind");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Void the line" }).ClickAsync();

        var ask = phone.Page.GetByRole(AriaRole.Button, new() { Name = "Ask a manager to approve" });
        await ask.WaitForAsync(new() { Timeout = 30_000 });
        await ask.ClickAsync();
        var prompt = phone.Page.GetByRole(AriaRole.Dialog, new() { Name = "Manager approval" });
        await prompt.WaitForAsync();

        await StaffAppSteps.TypePinAsync(prompt.Locator(".pin-pad"), "00000009", "Approve");
        await prompt.Locator(".approval-refused", new() { HasTextString = "That PIN was refused." }).WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "approval");

        await StaffAppSteps.TypePinAsync(prompt.Locator(".pin-pad"), serverPin, "Approve");
        await prompt.Locator(".approval-refused", new() { HasTextString = "That PIN is not a manager's" }).WaitForAsync();

        await StaffAppSteps.TypePinAsync(prompt.Locator(".pin-pad"), managerPin, "Approve");
        await prompt.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await phone.Page.Locator("li.line[data-status='voided']").WaitForAsync();
        await phone.Page.Locator(".approved", new() { HasTextString = "approved by a manager" }).WaitForAsync();

        var voided = (await admin.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "LineVoided"
            && e.GetProperty("streamId").GetString()!.EndsWith(orderId.ToString(), StringComparison.Ordinal));
        Assert.Equal(mia, voided.GetProperty("approvedBy").GetString());
        Assert.Equal(sam, voided.GetProperty("employeeId").GetString());
        Assert.True(voided.GetProperty("data").GetProperty("wasFired").GetBoolean());
        phone.AssertStayedOnTheLan();
    }

    [Fact]
    public async Task A_server_s_reprint_is_printed_once_a_manager_approves_it_on_the_manager_screen()
    {
        using var admin = rig.NewAdminClient();
        var managerPin = StaffAppSteps.NewPin();
        var mia = await StaffAppSteps.AddEmployeeAsync(admin, "Mia Reprint", "manager", managerPin);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var printerId = "tea-" + suffix;
        // A printer nobody listens at, for a station of its own: the fired tea is its only ticket.
        (await admin.PutAsJsonAsync($"/api/v1/printers/{printerId}", new { name = "Tea printer " + suffix, host = "127.0.0.1", port = FreePort.Next(), station = "tea" + suffix }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/menu", new
        {
            currency = "USD",
            items = new[] { new { id = "tea", name = "Tea", priceMinor = 300, taxRateBp = 0, station = "tea" + suffix } },
        })).EnsureSuccessStatusCode();
        var orderId = Guid.NewGuid();
        (await admin.OpenAsync(orderId, table: "T" + suffix[..3])).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(orderId, Guid.NewGuid(), "tea", 1)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        await StaffAppSteps.PutMenuAsync(admin);

        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin, role: "server");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Manager" }).ClickAsync();
        var printer = phone.Page.Locator($"li.printer[data-printer-id='{printerId}']");
        await printer.GetByRole(AriaRole.Button, new() { Name = $"Tickets of Tea printer {suffix}" }).ClickAsync();
        await printer.Locator("li.job").First.GetByRole(AriaRole.Button).ClickAsync();

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Ask a manager to approve" }).ClickAsync();
        var prompt = phone.Page.GetByRole(AriaRole.Dialog, new() { Name = "Manager approval" });
        await StaffAppSteps.TypePinAsync(prompt.Locator(".pin-pad"), managerPin, "Approve");
        await prompt.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await phone.Page.GetByText("marked REPRINT: approved by a manager.").WaitForAsync();

        var jobs = await admin.GetJsonAsync($"/api/v1/printers/{printerId}/jobs");
        Assert.Contains(jobs.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("reprint").GetBoolean());
        var approved = (await admin.ReadJournalAsync()).Where(e => e.TryGetProperty("approvedBy", out var by) && by.ValueKind == JsonValueKind.String).ToList();
        Assert.Contains(approved, e => e.GetProperty("approvedBy").GetString() == mia);
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        phone.AssertStayedOnTheLan();
    }
}
