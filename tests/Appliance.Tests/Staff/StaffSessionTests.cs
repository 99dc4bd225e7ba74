using System.Net;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Staff;

/// <summary>
/// Staff sessions: a PIN signs a person in on a paired device; the session's token acts as that device with the
/// person's role, and every event it causes records the person. A sign-out, the device's revocation or the person's
/// deactivation ends it at once.
/// </summary>
public sealed class StaffSessionTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    [Fact]
    public async Task A_session_acts_as_the_device_with_the_persons_role_and_its_events_record_the_person()
    {
        var admin = fixture.Client;
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-leo", "manager", "Bar till"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("leo", "Leo", "bartender", "2468")).StatusCode);

        using var signIn = await till.SignInAsync("2468");
        var started = await signIn.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, signIn.StatusCode);
        Assert.Equal(("leo", "bartender", "Leo"), (started.Text("employeeId"), started.Text("role"), started.Text("name")));
        Assert.Equal(fixture.Appliance.Time.GetUtcNow() + TimeSpan.FromHours(12), started.GetProperty("expiresAt").GetDateTimeOffset());
        using var leo = fixture.Appliance.NewClient(started.Text("sessionToken")!);

        // The device is a manager's, the person a bartender: the request acts with the person's role.
        Assert.Equal(HttpStatusCode.Forbidden, (await leo.GetAsync("/api/v1/employees")).StatusCode);
        var orderId = Guid.NewGuid();
        var opened = await (await leo.OpenAsync(orderId)).JsonAsync();
        Assert.Equal(("till-leo", "Bar till", "leo", "Leo"), (opened.GetProperty("openedBy").Text("deviceId"), opened.GetProperty("openedBy").Text("name"),
            opened.GetProperty("openedBy").Text("employeeId"), opened.GetProperty("openedBy").Text("employeeName")));
        await leo.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1);
        var paid = await (await leo.PayAsync(orderId, "card", 1350, tipMinor: 200)).JsonAsync();
        Assert.Equal("leo", paid.GetProperty("payments")[0].Text("employeeId"));

        var journal = await admin.ReadJournalAsync();
        var ofOrder = journal.Where(e => e.Text("streamId") == $"order-{orderId}").ToList();
        Assert.Equal(3, ofOrder.Count);
        Assert.All(ofOrder, e => Assert.Equal(("till-leo", "leo"), (e.Text("deviceId"), e.Text("employeeId"))));
        var signedIn = Assert.Single(journal, e => e.Text("type") == "StaffSignedIn" && e.GetProperty("data").Text("employeeId") == "leo");
        Assert.Equal(("till-leo", "leo"), (signedIn.Text("deviceId"), signedIn.Text("employeeId")));

        using (var signOut = await leo.DeleteAsync("/api/v1/staff-sessions/current"))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await leo.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await till.DeleteAsync("/api/v1/staff-sessions/current")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_says_whether_the_person_is_clocked_in_so_a_phone_shows_their_shift()
    {
        var admin = fixture.Client;
        using var phone = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("phone-ivy", "server", "Ivy's phone"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("ivy", "Ivy", "server", "86420")).StatusCode);

        using (var first = await phone.SignInAsync("86420"))
        {
            var started = await first.JsonAsync();
            Assert.Equal(System.Text.Json.JsonValueKind.Null, started.GetProperty("clockedInAt").ValueKind);
            using var ivy = fixture.Appliance.NewClient(started.Text("sessionToken")!);
            using var clockedIn = await ivy.ClockAsync("ivy", "clock-in");
            Assert.Equal(HttpStatusCode.OK, clockedIn.StatusCode);
        }

        using var again = await phone.SignInAsync("86420");
        var shift = (await admin.GetJsonAsync("/api/v1/employees")).GetProperty("employees").EnumerateArray().Single(e => e.Text("employeeId") == "ivy");
        Assert.Equal(shift.GetProperty("clockedInAt").GetDateTimeOffset(), (await again.JsonAsync()).GetProperty("clockedInAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_revoked_device_ends_its_sessions_and_a_deactivated_person_ends_theirs()
    {
        var admin = fixture.Client;
        using var phone = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("phone-kim", "server"));
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-kim", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("kim", "Kim", "server", "13579")).StatusCode);
        using var onPhone = fixture.Appliance.NewClient(await phone.SessionAsync("13579"));
        using var onTill = fixture.Appliance.NewClient(await till.SessionAsync("13579"));
        Assert.Equal(HttpStatusCode.OK, (await onPhone.GetAsync("/api/v1/menu")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/devices/phone-kim")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onPhone.GetAsync("/api/v1/menu")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onTill.GetAsync("/api/v1/menu")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/employees/kim")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onTill.GetAsync("/api/v1/menu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await till.SignInAsync("13579")).StatusCode);
        var kim = (await admin.GetJsonAsync("/api/v1/employees")).GetProperty("employees").EnumerateArray().Single(e => e.Text("employeeId") == "kim");
        Assert.False(kim.GetProperty("active").GetBoolean());
        // Brought back only with a new PIN (the old hash was erased with the deactivation).
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SaveEmployeeAsync("kim", "Kim", "server", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("kim", "Kim", "server", "13578")).StatusCode);
        await till.SessionAsync("13578");
    }

    [Fact]
    public async Task Wrong_PINs_lock_the_device_out_for_a_while_and_each_refusal_is_journaled_without_the_PIN()
    {
        var admin = fixture.Client;
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-guess", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("max", "Max", "server", "97531")).StatusCode);
        string[] guesses = ["1111", "2222", "3333", "4444"];
        foreach (var guess in guesses)
        {
            using var wrong = await till.SignInAsync(guess);
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Equal("pin-invalid", (await wrong.JsonAsync()).Text("code"));
        }
        using (var fifth = await till.SignInAsync("5555"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
            Assert.Equal("pin-locked", (await fifth.JsonAsync()).Text("code"));
            Assert.Equal(300, int.Parse(fifth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }
        using (var right = await till.SignInAsync("97531"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode); // locked: not even checked
        }
        var refusals = (await admin.EventsAsync("PinRefused")).Where(e => e.Text("deviceId") == "till-guess").ToList();
        Assert.Equal(6, refusals.Count);
        Assert.Equal(["no-match", "no-match", "no-match", "no-match", "no-match", "device-locked"], refusals.Select(e => e.GetProperty("data").Text("reason")));
        Assert.All(refusals, e => Assert.Equal("sign-in", e.GetProperty("data").Text("purpose")));
        foreach (var pin in guesses.Append("5555").Append("97531"))
        {
            Assert.All(refusals, e => Assert.DoesNotContain(pin, e.GetProperty("data").ToString(), StringComparison.Ordinal));
        }

        fixture.Appliance.Time.Advance(TimeSpan.FromMinutes(5));
        await till.SessionAsync("97531");
    }
}
