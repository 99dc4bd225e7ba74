using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Discounts and refunds on the phone, in a real browser against the real appliance: a server takes 10 % off the
/// check, the order is paid and closed, and the server's refund is refused for want of payments.refund until a
/// manager approves it with their PIN on the phone; the journal records who gave it and who approved.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class CheckMoneyTests(StaffAppRig rig)
{
    [Fact]
    public async Task A_server_discounts_a_check_and_refunds_it_after_close_once_a_manager_approves()
    {
        using var admin = rig.NewAdminClient();
        var managerPin = StaffAppSteps.NewPin();
        var serverPin = StaffAppSteps.NewPin();
        var mia = await StaffAppSteps.AddEmployeeAsync(admin, "Mia Refund", "manager", managerPin);
        var sam = await StaffAppSteps.AddEmployeeAsync(admin, "Sam Refund", "server", serverPin);
        var orderId = await StaffAppSteps.OpenOrderAsync(admin, "46", burgers: 1);
        await using var phone = await rig.NewPhoneAsync();
        await StaffAppSteps.PairAsync(phone, admin);
        await StaffAppSteps.SignInAsync(phone, serverPin, "Sam Refund");

        await phone.Page.GotoAsync($"/order/{orderId}");
        await phone.Page.Locator("li.line").First.WaitForAsync();
        await phone.Page.GetByLabel("Percent off").FillAsync("10");
        await phone.Page.GetByLabel("Why").FillAsync("regular guest");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Give the discount" }).ClickAsync();
        // 10 % of 12.50; tax on 11.25 is 0.93: 12.18 to pay.
        await phone.Page.Locator("li.discount", new() { HasTextString = "USD 1.25" }).WaitForAsync(new() { Timeout = 30_000 });
        await phone.Page.Locator(".order-total", new() { HasTextString = "12.18" }).WaitForAsync();
        await phone.Page.EvaluateAsync("window.scrollTo(0, document.getElementById('money-heading').getBoundingClientRect().top + window.scrollY - 170)");
        await Screenshots.TakeAsync(phone.Page, "discount");

        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = 1218 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        await phone.Page.Locator(".notice", new() { HasTextString = "This order is closed." }).WaitForAsync(new() { Timeout = 30_000 });

        await phone.Page.GetByLabel("Amount to refund").FillAsync("5.00");
        await phone.Page.GetByLabel("Why").FillAsync("cold fries");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();
        var ask = phone.Page.GetByRole(AriaRole.Button, new() { Name = "Ask a manager to approve" });
        await ask.WaitForAsync(new() { Timeout = 30_000 });
        await ask.ClickAsync();
        var prompt = phone.Page.GetByRole(AriaRole.Dialog, new() { Name = "Manager approval" });
        await prompt.WaitForAsync();
        await StaffAppSteps.TypePinAsync(prompt.Locator(".pin-pad"), managerPin, "Approve");
        await prompt.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await phone.Page.Locator("li.refund", new() { HasTextString = "USD 5.00" }).WaitForAsync(new() { Timeout = 30_000 });
        await Axe.AssertNoSeriousViolationsAsync(phone.Page);
        await phone.Page.EvaluateAsync("window.scrollTo(0, document.getElementById('money-heading').getBoundingClientRect().top + window.scrollY - 170)");
        await Screenshots.TakeAsync(phone.Page, "refund");

        var refund = (await admin.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "RefundRecorded"
            && e.GetProperty("streamId").GetString()!.EndsWith(orderId.ToString(), StringComparison.Ordinal));
        Assert.Equal((mia, sam, 500L), (refund.GetProperty("approvedBy").GetString(), refund.GetProperty("employeeId").GetString(),
            refund.GetProperty("data").GetProperty("amountMinor").GetInt64()));
        var order = await admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal((1218L, 500L), (order.GetProperty("paidMinor").GetInt64(), order.GetProperty("refundedMinor").GetInt64()));
        phone.AssertStayedOnTheLan();
    }
}
