using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Grains.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Devices;

/// <summary>
/// Pairing, registering and revoking while the database goes away in the middle of the device event's append (a
/// cluster of this test's own, stopped for real): before the commit, or after it with the answer lost. The answer is a
/// 503 journal-unavailable, never a 500, and what the appliance does next follows what the journal really holds:
/// a keyed resend gets the device, a retried registration gets its token if the journal lacks the first (409 if it
/// holds it), a revocation the journal lacks leaves the token working, one it holds ends it.
/// </summary>
public sealed class DeviceJournalOutageTests : IAsyncLifetime
{
    private OwnPostgres _db = null!;
    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;
    private DeviceJournalFaults _faults = null!;

    public async Task InitializeAsync()
    {
        _db = await OwnPostgres.StartAsync();
        await StartApplianceAsync();
        await _admin.PutMenuAsync();
    }

    private async Task StartApplianceAsync()
    {
        _appliance = new ApplianceFactory(_db.ConnectionString, services: s => s.AddSingleton<IJournalStreams>(sp =>
            _faults = new DeviceJournalFaults(sp.GetRequiredService<IJournal>(), _db.CrashAsync)));
        _appliance.StartServer();
        _admin = _appliance.NewClient();
        await Poll.UntilAsync(() => _admin.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
    }

    private async Task RestartApplianceAsync()
    {
        _admin.Dispose();
        await _appliance.DisposeAsync();
        NpgsqlConnection.ClearAllPools(); // the pools of this process still hold connections that died with the database
        await StartApplianceAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _appliance.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<string> CodeAsync() => (await PairingRig.CreateCodeAsync(_admin)).GetProperty("code").GetString()!;

    private async Task<HttpResponseMessage> PairAsync(string code, string? key, string name = "Pixel")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pairing") { Content = JsonContent.Create(new { code, name }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var phone = new HttpClient { BaseAddress = _appliance.BaseAddress };
        return await phone.SendAsync(request);
    }

    private static async Task AssertJournalUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {body}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("journal-unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    /// <summary>Resends until the database is back and the answer is not 503.</summary>
    private static Task<HttpResponseMessage> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send, string what) =>
        Poll.UntilAsync(send, r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), what);

    /// <summary>
    /// The token works for a write: an order opens. Tried until the deadline, as the first requests after the database
    /// is back may meet a pooled connection that died with it (503, then the pool is cleared).
    /// </summary>
    private static Task OpensAnOrderAsync(HttpClient client) =>
        Poll.UntilAsync(() => client.OpenAsync(Guid.NewGuid()), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(30),
            "an order to open with this token");

    private async Task<int> JournaledAsync(string type, string deviceId) =>
        (await _admin.ReadJournalAsync()).Count(e => e.GetProperty("type").GetString() == type
            && e.GetProperty("data").GetProperty("deviceId").GetString() == deviceId);

    [Theory]
    [InlineData(DeviceJournalFault.LandsThenAnswerLost)]
    [InlineData(DeviceJournalFault.LandsThenDatabaseStops)]
    [InlineData(DeviceJournalFault.DatabaseStopsFirst)]
    public async Task A_pairing_whose_append_has_an_unknown_outcome_is_503_and_its_keyed_resend_gets_one_device_whose_token_works(DeviceJournalFault fault)
    {
        var code = await CodeAsync();
        var key = Guid.NewGuid().ToString();
        _faults.Arm("DevicePaired", fault);
        using (var first = await PairAsync(code, key))
        {
            await AssertJournalUnavailableAsync(first);
        }
        if (fault != DeviceJournalFault.LandsThenAnswerLost)
        {
            await _db.StartAgainAsync();
        }

        using var resent = await UntilAnsweredAsync(() => PairAsync(code, key), "the keyed resend to be answered");
        var paired = await resent.JsonAsync();
        Assert.True(resent.StatusCode == HttpStatusCode.Created, $"{(int)resent.StatusCode} {paired}");
        var deviceId = paired.GetProperty("deviceId").GetString()!;
        using var device = _appliance.NewClient(paired.GetProperty("token").GetString()!);
        await OpensAnOrderAsync(device);
        Assert.Equal(1, await JournaledAsync("DevicePaired", deviceId));
        Assert.Equal(1, await JournaledAsync("PairingCodeUsed", deviceId));
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/v1/devices/{deviceId}")).StatusCode);

        // Again with the key: the same answer. Another key, or none: the code is used.
        using (var again = await PairAsync(code, key))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(paired.GetRawText(), (await again.JsonAsync()).GetRawText());
        }
        foreach (var other in new[] { Guid.NewGuid().ToString(), null })
        {
            using var refused = await PairAsync(code, other);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task A_pairing_whose_append_failed_and_was_never_resent_frees_its_code_at_the_next_start()
    {
        var code = await CodeAsync();
        _faults.Arm("DevicePaired", DeviceJournalFault.DatabaseStopsFirst);
        using (var first = await PairAsync(code, "k-1"))
        {
            await AssertJournalUnavailableAsync(first);
        }
        await _db.StartAgainAsync();
        await RestartApplianceAsync();

        // The device was never journaled: it is gone, and the code pairs (with any key).
        using var paired = await PairAsync(code, "k-2");
        Assert.Equal(HttpStatusCode.Created, paired.StatusCode);
        Assert.Single(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DevicePaired");
    }

    [Theory]
    [InlineData(DeviceJournalFault.LandsThenAnswerLost)]
    [InlineData(DeviceJournalFault.LandsThenDatabaseStops)]
    public async Task A_registration_that_landed_with_its_answer_lost_is_503_then_409_as_the_journal_holds_it_never_500(DeviceJournalFault fault)
    {
        var body = new { deviceId = "till-7", name = "Till 7", role = "server" };
        _faults.Arm("DeviceAdded", fault);
        using (var first = await _admin.PostAsJsonAsync("/api/v1/devices", body))
        {
            await AssertJournalUnavailableAsync(first);
        }
        if (fault != DeviceJournalFault.LandsThenAnswerLost)
        {
            await _db.StartAgainAsync();
        }

        using var again = await UntilAnsweredAsync(() => _admin.PostAsJsonAsync("/api/v1/devices", body), "the registration to be answered");
        var problem = await again.JsonAsync();
        Assert.True(again.StatusCode == HttpStatusCode.Conflict, $"{(int)again.StatusCode} {problem}");
        Assert.Equal("device-exists", problem.GetProperty("code").GetString());
        Assert.Equal("Till 7", (await _admin.GetJsonAsync("/api/v1/devices/till-7")).GetProperty("name").GetString());
        Assert.Equal(1, await JournaledAsync("DeviceAdded", "till-7"));
    }

    [Fact]
    public async Task A_registration_the_journal_did_not_take_is_503_and_sent_again_gets_a_token_that_works()
    {
        var body = new { deviceId = "till-8", name = "Till 8", role = "server" };
        _faults.Arm("DeviceAdded", DeviceJournalFault.DatabaseStopsFirst);
        using (var first = await _admin.PostAsJsonAsync("/api/v1/devices", body))
        {
            await AssertJournalUnavailableAsync(first);
        }
        await _db.StartAgainAsync();

        using var again = await UntilAnsweredAsync(() => _admin.PostAsJsonAsync("/api/v1/devices", body), "the registration to be answered");
        var registered = await again.JsonAsync();
        Assert.True(again.StatusCode == HttpStatusCode.Created, $"{(int)again.StatusCode} {registered}");
        using var till = _appliance.NewClient(registered.GetProperty("token").GetString()!);
        await OpensAnOrderAsync(till);
        Assert.Equal(1, await JournaledAsync("DeviceAdded", "till-8"));
    }

    [Fact]
    public async Task A_revocation_the_journal_did_not_take_is_503_and_the_token_keeps_working_after_a_restart_too()
    {
        var token = await _admin.RegisterDeviceAsync("phone-kept");
        using var phone = _appliance.NewClient(token);
        _faults.Arm("DeviceRevoked", DeviceJournalFault.DatabaseStopsFirst);
        using (var revoke = await _admin.DeleteAsync("/api/v1/devices/phone-kept"))
        {
            await AssertJournalUnavailableAsync(revoke);
        }
        // The journal does not say it was revoked: the token works (a read from memory while the database is away).
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/menu")).StatusCode);

        await _db.StartAgainAsync();
        await RestartApplianceAsync();
        using var phoneAfter = _appliance.NewClient(token);
        await OpensAnOrderAsync(phoneAfter);
        var listed = await _admin.GetJsonAsync("/api/v1/devices/phone-kept");
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.DoesNotContain(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DeviceRevoked");

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/devices/phone-kept")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phoneAfter.GetAsync("/api/v1/menu")).StatusCode);
    }

    [Fact]
    public async Task A_revocation_that_landed_with_its_answer_lost_is_found_at_once_and_answered_204()
    {
        var token = await _admin.RegisterDeviceAsync("phone-gone");
        using var phone = _appliance.NewClient(token);
        _faults.Arm("DeviceRevoked", DeviceJournalFault.LandsThenAnswerLost);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/devices/phone-gone")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/menu")).StatusCode);
        Assert.Single(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DeviceRevoked");
    }

    [Fact]
    public async Task A_revocation_that_landed_as_the_database_stopped_is_503_then_ends_the_token_once_the_journal_is_back()
    {
        var token = await _admin.RegisterDeviceAsync("phone-doubt");
        using var phone = _appliance.NewClient(token);
        _faults.Arm("DeviceRevoked", DeviceJournalFault.LandsThenDatabaseStops);
        using (var revoke = await _admin.DeleteAsync("/api/v1/devices/phone-doubt"))
        {
            await AssertJournalUnavailableAsync(revoke);
        }

        // The journal holds it: once the writer is back (the next write finds its connection dead and reconnects), the
        // devices catch up with it, with no request about the device asking.
        await _db.StartAgainAsync();
        await OpensAnOrderAsync(_admin);
        await Poll.UntilAsync(() => phone.GetAsync("/api/v1/menu"), r => r.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30),
            "the revoked token to be refused once the journal is back");
        var listed = await _admin.GetJsonAsync("/api/v1/devices/phone-doubt");
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/devices/phone-doubt")).StatusCode);
        Assert.Single(await _admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DeviceRevoked");
    }
}
