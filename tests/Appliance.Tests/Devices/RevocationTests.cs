using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Appliance.Tests.Printing;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Devices;

/// <summary>
/// Revoking a device: a manager or the admin; its token is 401 from the very next request, after a restart of the
/// appliance too; the device stays listed with revokedAt, and the revocation is journaled once, whoever else revokes.
/// </summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private string _db = "";
    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        _appliance = await PrintingRig.StartOnAsync(_db);
        _admin = _appliance.NewClient();
        await _admin.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _appliance.DisposeAsync();
    }

    private async Task<(string DeviceId, string Token)> PairPhoneAsync(HttpClient manager, string role = "server")
    {
        var code = (await PairingRig.CreateCodeAsync(manager, role)).GetProperty("code").GetString()!;
        using var phone = new HttpClient { BaseAddress = _appliance.BaseAddress };
        var paired = await PairingRig.PairedAsync(phone, code);
        return (paired.GetProperty("deviceId").GetString()!, paired.GetProperty("token").GetString()!);
    }

    private async Task<JsonElement> ListedAsync(string deviceId) =>
        (await _admin.GetJsonAsync("/api/v1/devices")).GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == deviceId);

    [Fact]
    public async Task A_revoked_phone_gets_401_on_its_next_request_and_after_a_restart_and_stays_listed_with_revokedAt()
    {
        using var manager = _appliance.NewClient(await _admin.RegisterDeviceAsync("manager-1", "manager"));
        var (deviceId, token) = await PairPhoneAsync(manager);
        using var phone = _appliance.NewClient(token);
        var orderId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await phone.OpenAsync(orderId)).StatusCode);

        using (var revoke = await manager.DeleteAsync($"/api/v1/devices/{deviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        using (var next = await phone.GetAsync($"/api/v1/orders/{orderId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        }
        // Its offline batch is refused whole: its commands stay on the phone.
        using (var batch = await phone.PostAsJsonAsync("/api/v1/sync/commands", new
        {
            deviceId,
            commands = new[] { new { commandId = "c-1", type = "add-line", orderId, issuedAt = DateTimeOffset.UtcNow, payload = new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 1 } } },
        }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, batch.StatusCode);
        }
        // Nor may the admin send a revoked device's queue on its behalf.
        using (var onBehalf = await _admin.PostAsJsonAsync("/api/v1/sync/commands", new
        {
            deviceId,
            commands = new[] { new { commandId = "c-2", type = "add-line", orderId, issuedAt = DateTimeOffset.UtcNow, payload = new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 1 } } },
        }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, onBehalf.StatusCode);
        }
        var revokedAt = (await ListedAsync(deviceId)).GetProperty("revokedAt").GetDateTimeOffset();
        Assert.Equal(_appliance.Time.GetUtcNow(), revokedAt);
        // Where the pairing's Location points: the device, revoked, without its token.
        var one = await manager.GetJsonAsync($"/api/v1/devices/{deviceId}");
        Assert.Equal(revokedAt, one.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.False(one.TryGetProperty("token", out _));
        using (var unknown = await manager.GetAsync("/api/v1/devices/no-such-phone"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        var revoked = (await _admin.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "DeviceRevoked");
        Assert.Equal($"device-{deviceId}", revoked.GetProperty("streamId").GetString());
        Assert.Equal("manager-1", revoked.GetProperty("deviceId").GetString());
        Assert.Equal(deviceId, revoked.GetProperty("data").GetProperty("deviceId").GetString());

        // Again: 204, nothing more journaled.
        using (var again = await _admin.DeleteAsync($"/api/v1/devices/{deviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }
        Assert.Single(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DeviceRevoked");

        // A restart of the appliance on the same database: still refused, still listed; the manager still works.
        _admin.Dispose();
        await _appliance.DisposeAsync();
        _appliance = await PrintingRig.StartOnAsync(_db);
        _admin = _appliance.NewClient();
        using var phoneAfter = _appliance.NewClient(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phoneAfter.GetAsync("/api/v1/menu")).StatusCode);
        Assert.Equal(revokedAt, (await ListedAsync(deviceId)).GetProperty("revokedAt").GetDateTimeOffset());
        using var managerAfter = _appliance.NewClient(manager.DefaultRequestHeaders.Authorization!.Parameter!);
        Assert.Equal(HttpStatusCode.OK, (await managerAfter.GetAsync("/api/v1/menu")).StatusCode);
    }

    [Fact]
    public async Task Two_managers_revoking_one_device_at_once_both_get_204_and_it_is_journaled_once()
    {
        using var first = _appliance.NewClient(await _admin.RegisterDeviceAsync("manager-a", "manager"));
        using var second = _appliance.NewClient(await _admin.RegisterDeviceAsync("manager-b", "manager"));
        var (deviceId, token) = await PairPhoneAsync(first);
        var answers = await Task.WhenAll(
            first.DeleteAsync($"/api/v1/devices/{deviceId}"), second.DeleteAsync($"/api/v1/devices/{deviceId}"),
            first.DeleteAsync($"/api/v1/devices/{deviceId}"), second.DeleteAsync($"/api/v1/devices/{deviceId}"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Single(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DeviceRevoked");
        using var phone = _appliance.NewClient(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/menu")).StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await ListedAsync(deviceId)).GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Only_a_manager_or_the_admin_revokes_an_unknown_device_is_404_and_the_admin_cannot_be_revoked()
    {
        var serverToken = await _admin.RegisterDeviceAsync("till-1", "server");
        var kitchenToken = await _admin.RegisterDeviceAsync("kitchen-1", "kitchen");
        using var server = _appliance.NewClient(serverToken);
        using var kitchen = _appliance.NewClient(kitchenToken);
        foreach (var device in new[] { server, kitchen })
        {
            using var refused = await device.DeleteAsync("/api/v1/devices/kitchen-1");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.Equal(("permission-denied", "devices.manage"), (problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
            Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync("/api/v1/devices")).StatusCode);
        }
        using var anonymous = new HttpClient { BaseAddress = _appliance.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/devices/kitchen-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kitchen.GetAsync("/api/v1/menu")).StatusCode); // nothing was revoked

        foreach (var id in new[] { "no-such-device", "admin", "Admin" })
        {
            using var unknown = await _admin.DeleteAsync($"/api/v1/devices/{id}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("device-not-found", (await unknown.JsonAsync()).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/menu")).StatusCode);

        // A manager lists the devices and revokes; the admin revokes a registered (not paired) device too.
        using var manager = _appliance.NewClient(await _admin.RegisterDeviceAsync("manager-2", "manager"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync("/api/v1/devices/kitchen-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kitchen.GetAsync("/api/v1/menu")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/devices/till-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/api/v1/menu")).StatusCode);
        // A revoked device's id stays taken.
        using var reuse = await _admin.PostAsJsonAsync("/api/v1/devices", new { deviceId = "till-1", name = "Till", role = "server" });
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
    }

    [Fact]
    public async Task Registering_a_device_is_journaled_without_its_token()
    {
        var token = await _admin.RegisterDeviceAsync("till-9", "server", "Till 9");
        var added = (await _admin.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "DeviceAdded");
        Assert.Equal("device-till-9", added.GetProperty("streamId").GetString());
        Assert.Equal("admin", added.GetProperty("deviceId").GetString());
        Assert.Equal("Till 9", added.GetProperty("data").GetProperty("name").GetString());
        Assert.DoesNotContain(token, added.GetRawText(), StringComparison.Ordinal);
    }
}
