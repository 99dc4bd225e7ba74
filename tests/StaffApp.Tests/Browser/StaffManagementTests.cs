using System.Text.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Staff management on a manager's phone, in a real browser against the real appliance: add a person with a PIN, change
/// their role, deactivate them; the person added signs in with that PIN on another phone.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class StaffManagementTests(StaffAppRig rig)
{
    [Fact]
    public async Task A_manager_adds_a_person_changes_their_role_and_deactivates_them_from_the_phone()
    {
        using var admin = rig.NewAdminClient();
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin, role: "manager");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Manager" }).ClickAsync();
        var staff = phone.Page.Locator("section[aria-labelledby='staff-heading']");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add a person" }).ClickAsync();

        var name = "Lou " + Guid.NewGuid().ToString("N")[..5];
        var pin = StaffAppSteps.NewPin();
        var form = staff.Locator("form.employee-form");
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Role").SelectOptionAsync("bartender");
        await form.GetByLabel("PIN (4 to 8 digits)").FillAsync(pin);
        Assert.Equal("off", await form.GetByLabel("PIN (4 to 8 digits)").GetAttributeAsync("autocomplete"));
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await staff.GetByText($"{name} is saved.").WaitForAsync();
        var entry = staff.Locator("li.employee", new() { HasTextString = name });
        await entry.Locator(".status", new() { HasTextString = "Bartender" }).WaitForAsync();
        await entry.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(phone.Page, "staff");
        var id = await entry.GetAttributeAsync("data-employee-id");

        // The PIN works: the new person signs in on a phone of their own.
        await using (var theirs = await rig.NewPhoneAsync())
        {
            await StaffAppSteps.PairAsync(theirs, admin);
            await StaffAppSteps.SignInAsync(theirs, pin, name);
        }

        await entry.GetByRole(AriaRole.Button, new() { Name = $"Change {name}" }).ClickAsync();
        await entry.GetByLabel("Role").SelectOptionAsync("server");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await entry.Locator(".status", new() { HasTextString = "Server" }).WaitForAsync();

        await entry.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name}" }).ClickAsync();
        await entry.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name}" }).ClickAsync();
        await staff.GetByText($"{name} is deactivated.").WaitForAsync();
        await entry.GetByRole(AriaRole.Button, new() { Name = $"Bring back {name}" }).WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);

        var person = (await admin.GetJsonAsync("/api/v1/employees")).GetProperty("employees").EnumerateArray().Single(e => e.GetProperty("employeeId").GetString() == id);
        Assert.Equal("server", person.GetProperty("role").GetString());
        Assert.False(person.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.String, person.GetProperty("name").ValueKind);
        phone.AssertStayedOnTheLan();
    }
}
