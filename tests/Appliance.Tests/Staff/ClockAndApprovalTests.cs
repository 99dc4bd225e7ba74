using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Staff;

/// <summary>
/// Clocking in and out into the day's report (hours and tips per person), and a manager's approval by PIN: a manager's
/// PIN approves, a server's or a locked-out one does not.
/// </summary>
public sealed class ClockAndApprovalTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    [Fact]
    public async Task A_shift_and_a_servers_tips_are_in_the_daily_report()
    {
        var admin = fixture.Client;
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-sam", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("sam", "Sam", "server", "31415")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("tia", "Tia", "server", "27182")).StatusCode);
        using var sam = fixture.Appliance.NewClient(await till.SessionAsync("31415"));
        using var tia = fixture.Appliance.NewClient(await till.SessionAsync("27182"));
        var date = fixture.Appliance.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using (var clockIn = await sam.ClockAsync("sam", "clock-in"))
        {
            Assert.Equal(HttpStatusCode.OK, clockIn.StatusCode);
        }
        using (var twice = await sam.ClockAsync("sam", "clock-in"))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("already-clocked-in", (await twice.JsonAsync()).Text("code"));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await tia.ClockAsync("sam", "clock-out")).StatusCode); // not hers to clock
        var orderId = Guid.NewGuid();
        await sam.OpenAsync(orderId);
        await sam.AddLineAsync(orderId, Guid.NewGuid(), "burger", 2);
        var order = await (await sam.PayAsync(orderId, "card", 2706, tipMinor: 400)).JsonAsync();
        Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsync($"/api/v1/orders/{orderId}/close", null)).StatusCode);

        fixture.Appliance.Time.Advance(TimeSpan.FromMinutes(210.5));
        using (var clockOut = await sam.ClockAsync("sam", "clock-out"))
        {
            var shift = await clockOut.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, clockOut.StatusCode);
            Assert.Equal(210, shift.GetProperty("minutesWorked").GetInt64());
        }
        Assert.Equal(HttpStatusCode.Conflict, (await sam.ClockAsync("sam", "clock-out")).StatusCode);

        var report = await admin.GetJsonAsync($"/api/v1/reports/daily?businessDate={date}");
        var labour = report.GetProperty("labour").EnumerateArray().Single(l => l.Text("employeeId") == "sam");
        Assert.Equal(("Sam", 1, 210L, false, 400L), (labour.Text("name"), labour.GetProperty("shifts").GetInt32(),
            labour.GetProperty("minutesWorked").GetInt64(), labour.GetProperty("clockedIn").GetBoolean(), labour.GetProperty("tipsMinor").GetInt64()));
        var events = await admin.ReadJournalAsync();
        Assert.Contains(events, e => e.Text("type") == "ClockedIn" && e.Text("employeeId") == "sam" && e.Text("deviceId") == "till-sam");
        Assert.Contains(events, e => e.Text("type") == "ClockedOut" && e.Text("businessDate") == date);
    }

    [Fact]
    public async Task A_managers_PIN_approves_and_a_servers_or_a_locked_out_one_does_not()
    {
        var admin = fixture.Client;
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("mae", "Mae", "manager", "600613")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("ned", "Ned", "server", "600614")).StatusCode);
        for (var i = 1; i <= 6; i++)
        {
            await admin.RegisterDeviceAsync($"till-appr-{i}", "server");
        }
        var approval = fixture.Appliance.Services.GetRequiredService<IManagerApproval>();

        var approved = await approval.ApproveAsync("till-appr-1", "600613", "void-fired-line", CancellationToken.None);
        Assert.Equal(("mae", null), (approved.ApprovedBy, approved.Refusal?.Code));
        var byServer = await approval.ApproveAsync("till-appr-1", "600614", "void-fired-line", CancellationToken.None);
        Assert.Equal((null, "approver-not-manager"), (byServer.ApprovedBy, byServer.Refusal?.Code));
        var wrong = await approval.ApproveAsync("till-appr-1", "999999", "void-fired-line", CancellationToken.None);
        Assert.Equal("pin-invalid", wrong.Refusal?.Code);

        // Ned's PIN given as a manager's on five tills: Ned is locked out everywhere, his own sign-in too.
        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal("approver-not-manager", (await approval.ApproveAsync($"till-appr-{i}", "600614", "refund", CancellationToken.None)).Refusal?.Code);
        }
        using var sixth = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-appr-7", "server"));
        using (var locked = await sixth.SignInAsync("600614"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }
        Assert.Equal("pin-locked", (await approval.ApproveAsync("till-appr-6", "600614", "refund", CancellationToken.None)).Refusal?.Code);
        var refusals = (await admin.EventsAsync("PinRefused")).Select(e => e.GetProperty("data")).Where(d => d.Text("employeeId") == "ned").ToList();
        Assert.Equal(7, refusals.Count);
        Assert.Equal(2, refusals.Count(d => d.Text("reason") == "locked"));

        // Wrong PINs on one till lock that till: even Mae's PIN is refused there, and approved on another.
        for (var i = 0; i < 5; i++)
        {
            await approval.ApproveAsync("till-appr-6", $"1000{i}", "refund", CancellationToken.None);
        }
        Assert.Equal("pin-locked", (await approval.ApproveAsync("till-appr-6", "600613", "refund", CancellationToken.None)).Refusal?.Code);
        Assert.Equal("mae", (await approval.ApproveAsync("till-appr-1", "600613", "refund", CancellationToken.None)).ApprovedBy);
    }
}
