using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pos.Api.Auth;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Secrets;

/// <summary>
/// The admin token is rotated without downtime: the new one is answered once and kept in the data folder, the old one
/// is still taken for its grace and refused after it, the rotation is journaled without either token, and an appliance
/// given its token in a variable says how to change it instead.
/// </summary>
public sealed class AdminTokenRotationTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_rotation_keeps_the_new_token_and_takes_the_old_one_only_for_its_grace()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var appliance = await ApplianceFactory.StartAsync(
            settings: new Dictionary<string, string> { ["POS_ADMIN_TOKEN"] = "" },
            services: s => s.AddSingleton(sp => new AdminTokens(
                sp.GetRequiredService<IOptionsMonitor<DeviceAuthenticationOptions>>(), sp.GetRequiredService<IAdminTokenKeeper>(), time)));
        var kept = Path.Combine(appliance.DataDir, "admin-token");
        var first = (await File.ReadAllTextAsync(kept)).Trim();
        using var firstAdmin = appliance.NewClient(first);

        using var rotated = await firstAdmin.PostAsync("/api/v1/admin-token/rotate", null);
        var answer = await rotated.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl?.ToString());
        var second = answer.GetProperty("token").GetString()!;
        Assert.NotEqual(first, second);
        Assert.True(second.Length >= 32);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(1), answer.GetProperty("previousValidUntil").GetDateTimeOffset());
        Assert.Equal(second, (await File.ReadAllTextAsync(kept)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));

        using var secondAdmin = appliance.NewClient(second);
        Assert.Equal(HttpStatusCode.OK, (await firstAdmin.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondAdmin.GetAsync("/api/v1/devices")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstAdmin.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondAdmin.GetAsync("/api/v1/devices")).StatusCode);

        // No grace: the replaced token is refused at once.
        using var again = await secondAdmin.PostAsync("/api/v1/admin-token/rotate?graceMinutes=0", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var third = (await again.JsonAsync()).GetProperty("token").GetString()!;
        using var thirdAdmin = appliance.NewClient(third);
        Assert.Equal(HttpStatusCode.Unauthorized, (await secondAdmin.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thirdAdmin.GetAsync("/api/v1/devices")).StatusCode);

        var journal = await thirdAdmin.ReadJournalAsync();
        Assert.Equal(2, journal.Count(e => e.GetProperty("type").GetString() == nameof(Pos.Contracts.Devices.AdminTokenRotated)));
        var text = string.Join('\n', journal.Select(e => e.GetRawText()));
        foreach (var token in new[] { first, second, third })
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_device_a_bad_grace_or_a_body_is_refused_and_a_token_from_the_variable_is_not_rotated()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var admin = appliance.NewClient();
        using (var registered = await admin.PostAsJsonAsync("/api/v1/devices", new { deviceId = "till-1", name = "Till", role = "manager" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            using var device = appliance.NewClient((await registered.JsonAsync()).GetProperty("token").GetString()!);
            Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/api/v1/admin-token/rotate", null)).StatusCode);
        }
        using var tooLong = await admin.PostAsync("/api/v1/admin-token/rotate?graceMinutes=1441", null);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("graceMinutes", (await tooLong.JsonAsync()).GetProperty("errors").EnumerateObject().First().Name);
        using var withBody = await admin.PostAsJsonAsync("/api/v1/admin-token/rotate", new { graceMinutes = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, withBody.StatusCode);

        using var fromVariable = await admin.PostAsync("/api/v1/admin-token/rotate", null);
        Assert.Equal(HttpStatusCode.Conflict, fromVariable.StatusCode);
        Assert.Equal("admin-token-not-rotatable", (await fromVariable.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
    }
}
