using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Devices;

public sealed class DeviceRegistrationTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _admin = fixture.Client;

    private async Task<List<JsonElement>> DevicesAsync() =>
        [.. (await _admin.GetJsonAsync("/api/v1/devices")).GetProperty("devices").EnumerateArray()];

    [Fact]
    public async Task Register_AnswersTheTokenOnce_AndTheTokenWorks_AndTheListNeverShowsIt()
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/devices", new { deviceId = "phone-7", name = "Phone 7", role = "manager" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("phone-7", body.GetProperty("deviceId").GetString());
        var token = body.GetProperty("token").GetString()!;
        Assert.True(token.Length >= 32, token);

        using var device = fixture.Appliance.NewClient(token);
        var orderId = Guid.NewGuid();
        (await device.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var journal = await _admin.ReadJournalAsync();
        Assert.Equal("phone-7", journal.Single(e => e.GetProperty("streamId").GetString() == $"order-{orderId}").GetProperty("deviceId").GetString());

        var listed = (await DevicesAsync()).Single(d => d.GetProperty("deviceId").GetString() == "phone-7");
        Assert.Equal("Phone 7", listed.GetProperty("name").GetString());
        Assert.Equal("manager", listed.GetProperty("role").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        var listText = (await _admin.GetJsonAsync("/api/v1/devices")).GetRawText();
        Assert.DoesNotContain(token, listText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameDeviceIdAgain_Is409DeviceExists_AndTheFirstTokenStillWorks()
    {
        var token = await _admin.RegisterDeviceAsync("bar-till", "server", "Bar till");
        using var again = await _admin.PostAsJsonAsync("/api/v1/devices", new { deviceId = "bar-till", name = "Other", role = "kitchen" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.JsonAsync();
        Assert.Equal("device-exists", problem.GetProperty("code").GetString());
        Assert.False(problem.TryGetProperty("token", out _));

        var listed = (await DevicesAsync()).Single(d => d.GetProperty("deviceId").GetString() == "bar-till");
        Assert.Equal("Bar till", listed.GetProperty("name").GetString());
        Assert.Equal("server", listed.GetProperty("role").GetString());
        using var device = fixture.Appliance.NewClient(token);
        using var menu = await device.GetAsync("/api/v1/menu");
        Assert.Equal(HttpStatusCode.OK, menu.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"name": "No id", "role": "server"}""", "deviceId" },
        { """{"deviceId": "has space", "name": "X", "role": "server"}""", "deviceId" },
        { """{"deviceId": "admin", "name": "X", "role": "server"}""", "deviceId" },
        { """{"deviceId": "ok-1", "name": "  ", "role": "server"}""", "name" },
        { """{"deviceId": "ok-2", "name": "X", "role": "owner"}""", "role" },
        { """{"deviceId": "ok-3", "name": "X"}""", "role" },
        // The store's own device ids in the journal, in any case.
        { """{"deviceId": "cloud", "name": "X", "role": "server"}""", "deviceId" },
        { """{"deviceId": "Cloud", "name": "X", "role": "server"}""", "deviceId" },
        { """{"deviceId": "SYSTEM", "name": "X", "role": "server"}""", "deviceId" },
        { """{"deviceId": "Admin", "name": "X", "role": "server"}""", "deviceId" },
        // Control characters: PostgreSQL refuses NUL in text, a person sees none of them.
        { """{"deviceId": "ok-4", "name": "Bar\u0000till", "role": "server"}""", "name" },
        { """{"deviceId": "ok-5", "name": "Bar\u0007till", "role": "server"}""", "name" },
        { """{"deviceId": "ok-6", "name": "Bar\ntill", "role": "server"}""", "name" },
        { """{"deviceId": "ok\u00007", "name": "X", "role": "server"}""", "deviceId" },
        { "{\"deviceId\": \"ok-8\", \"name\": \"" + new string('x', 101) + "\", \"role\": \"server\"}", "name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_Is400WithTheField_AndNothingIsRegistered(string json, string field)
    {
        var before = await DevicesAsync();
        using var response = await _admin.PostAsync("/api/v1/devices", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        var after = await DevicesAsync();
        Assert.Equal(before.Select(d => d.GetRawText()), after.Select(d => d.GetRawText()));
    }

    [Fact]
    public async Task MalformedJson_Is400_AndNothingIsRegistered()
    {
        var before = (await DevicesAsync()).Count;
        using var response = await _admin.PostAsync("/api/v1/devices", new StringContent("{\"deviceId\": \"half", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await DevicesAsync()).Count);
    }

    [Fact]
    public async Task ADeviceToken_CannotRegister_403_AServerCannotList_403_AndNoTokenIs401()
    {
        var token = await _admin.RegisterDeviceAsync("manager-phone", "manager");
        using var device = fixture.Appliance.NewClient(token);
        var before = (await DevicesAsync()).Count;

        using var register = await device.PostAsJsonAsync("/api/v1/devices", new { deviceId = "sneaky", name = "Sneaky", role = "manager" });
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        var problem = await register.JsonAsync();
        Assert.Equal(("permission-denied", "devices.register"), (problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
        // A manager reads the list (to revoke a phone), a server does not.
        using var list = await device.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var server = fixture.Appliance.NewClient(await _admin.RegisterDeviceAsync("server-phone", "server"));
        using var serverList = await server.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.Forbidden, serverList.StatusCode);
        before++;

        using var anonymous = new HttpClient { BaseAddress = fixture.Appliance.BaseAddress };
        using var noToken = await anonymous.PostAsJsonAsync("/api/v1/devices", new { deviceId = "sneaky", name = "Sneaky", role = "manager" });
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        Assert.Equal(before, (await DevicesAsync()).Count);
        Assert.DoesNotContain(await DevicesAsync(), d => d.GetProperty("deviceId").GetString() == "sneaky");
    }
}
