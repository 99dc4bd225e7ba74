using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pos.Appliance.Tests.Idempotency;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Devices;

/// <summary>
/// Pairing a phone: a manager's one-time code (13 digits, 10 minutes, one use, only its hash kept) gives the phone
/// that sends it a device token of its own; a wrong, used or expired code is the same 401, and guessing is limited
/// per address. The tests of a class run one after the other, so moving the shared fake clock is theirs alone.
/// </summary>
public sealed class PairingTests(PairingRig rig) : IClassFixture<PairingRig>
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    private async Task<HttpClient> ManagerAsync(string deviceId) => rig.Appliance.NewClient(await rig.Admin.RegisterDeviceAsync(deviceId, "manager"));

    [Fact]
    public async Task A_manager_makes_a_code_a_phone_pairs_with_it_and_its_token_works_and_is_journaled_without_a_secret()
    {
        using var manager = await ManagerAsync("manager-e2e");
        var now = rig.Appliance.Time.GetUtcNow();
        var issued = await PairingRig.CreateCodeAsync(manager, "server", "Anna's phone");
        var code = issued.GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{13}$", code);
        Assert.Equal($"{code[..4]} {code[4..8]} {code[8..12]} {code[12..]}", issued.GetProperty("codeGrouped").GetString());
        Assert.Equal(now + TenMinutes, issued.GetProperty("expiresAt").GetDateTimeOffset());
        // The code in the fragment: a browser never sends it, so no server log and no Referer holds it.
        Assert.Equal($"{rig.Appliance.BaseAddress.ToString().TrimEnd('/')}/pair#code={code}", issued.GetProperty("pairingUrl").GetString());
        Assert.Equal("server", issued.GetProperty("role").GetString());

        // Typed as a person reads it: in groups, with dashes.
        using var phone = rig.Phone();
        var paired = await PairingRig.PairedAsync(phone, $"{code[..4]}-{code[4..8]} {code[8..]}");
        var deviceId = paired.GetProperty("deviceId").GetString()!;
        var token = paired.GetProperty("token").GetString()!;
        Assert.StartsWith("phone-", deviceId, StringComparison.Ordinal);
        Assert.True(token.Length >= 32, token);
        Assert.Equal("server", paired.GetProperty("role").GetString());
        Assert.Equal("Anna's phone", paired.GetProperty("name").GetString()); // the manager's name for it wins

        using var device = rig.Appliance.NewClient(token);
        var orderId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await device.OpenAsync(orderId)).StatusCode);
        var journal = await rig.Admin.ReadJournalAsync();
        Assert.Equal(deviceId, journal.Single(e => e.GetProperty("streamId").GetString() == $"order-{orderId}").GetProperty("deviceId").GetString());
        var listed = (await rig.Admin.GetJsonAsync("/api/v1/devices")).GetProperty("devices").EnumerateArray()
            .Single(d => d.GetProperty("deviceId").GetString() == deviceId);
        Assert.Equal("server", listed.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);

        // Who paired what, in the journal: the code's creation by the manager, its use and the device by the phone.
        var codeId = issued.GetProperty("codeId").GetString();
        var created = journal.Single(e => e.GetProperty("type").GetString() == "PairingCodeCreated" && e.GetProperty("streamId").GetString() == $"pairing-code-{codeId}");
        Assert.Equal("manager-e2e", created.GetProperty("deviceId").GetString());
        var pairedEvent = journal.Single(e => e.GetProperty("type").GetString() == "DevicePaired" && e.GetProperty("streamId").GetString() == $"device-{deviceId}");
        Assert.Equal(deviceId, pairedEvent.GetProperty("deviceId").GetString());
        Assert.Equal("manager-e2e", pairedEvent.GetProperty("data").GetProperty("codeCreatedBy").GetString());
        Assert.Single(journal, e => e.GetProperty("type").GetString() == "PairingCodeUsed" && e.GetProperty("streamId").GetString() == $"pairing-code-{codeId}");

        // No secret anywhere they are read: the journal, the device list, the log.
        var secrets = Secrets(code, token);
        var journalText = string.Join('\n', journal.Select(e => e.GetRawText()));
        var devicesText = (await rig.Admin.GetJsonAsync("/api/v1/devices")).GetRawText();
        var logText = string.Join('\n', rig.Logs.Lines);
        Assert.All(secrets, s =>
        {
            Assert.DoesNotContain(s, journalText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(s, devicesText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(s, logText, StringComparison.OrdinalIgnoreCase);
        });
        Assert.NotEmpty(rig.Logs.Lines); // the capture does capture
    }

    /// <summary>A code and a token, and every form of their hashes a careless line could hold.</summary>
    private static List<string> Secrets(string code, string token)
    {
        var list = new List<string> { code, token };
        foreach (var hash in new[] { SHA256.HashData(Encoding.ASCII.GetBytes(code)), SHA256.HashData(Encoding.UTF8.GetBytes(token)) })
        {
            list.Add(Convert.ToHexString(hash));
            list.Add(Convert.ToBase64String(hash));
        }
        return list;
    }

    [Fact]
    public async Task A_code_works_once_and_a_used_a_wrong_and_an_expired_code_get_the_same_401()
    {
        using var manager = await ManagerAsync("manager-once");
        var used = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        using var phone = rig.Phone("127.0.0.21");
        await PairingRig.PairedAsync(phone, used);

        var expiring = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        var inTime = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        rig.Appliance.Time.Advance(TenMinutes - TimeSpan.FromSeconds(1));
        await PairingRig.PairedAsync(phone, inTime); // a second before its end, it works
        rig.Appliance.Time.Advance(TimeSpan.FromSeconds(1));

        var answers = new List<string>();
        foreach (var code in new[] { used, expiring, WrongCode(used, expiring) })
        {
            using var refused = await PairingRig.PairAsync(phone, code);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.Equal("pairing-code-invalid", problem.GetProperty("code").GetString());
            Assert.False(problem.TryGetProperty("token", out _));
            problem.TryGetProperty("traceId", out var trace);
            answers.Add(problem.GetRawText().Replace(trace.ToString(), "", StringComparison.Ordinal));
        }
        Assert.Single(answers.Distinct());
    }

    private static string WrongCode(params string[] not)
    {
        for (var n = 1_000_000_000_000L; ; n++)
        {
            var code = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!not.Contains(code))
            {
                return code;
            }
        }
    }

    private static HttpRequestMessage Keyed(string code, string? key, string name = "Pixel")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pairing") { Content = JsonContent.Create(new { code, name }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    [Fact]
    public async Task A_keyed_pairing_whose_answer_is_lost_is_answered_again_with_the_same_device_and_token_and_only_for_its_key()
    {
        using var manager = await ManagerAsync("manager-lost-answer");
        var code = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        var key = Guid.NewGuid().ToString();
        await using var proxy = new ResponseDroppingProxy(rig.Appliance.BaseAddress);
        using (var viaProxy = new HttpClient { BaseAddress = proxy.Address })
        using (var request = Keyed(code, key))
        {
            request.Headers.ConnectionClose = true; // so the proxy reads the lost answer to its end
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => viaProxy.SendAsync(request));
        }
        var lost = await proxy.NextLostAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(201, lost.Status);
        var first = JsonDocument.Parse(lost.Body).RootElement;

        using var phone = rig.Phone("127.0.0.61");
        using var resent = await phone.SendAsync(Keyed(code, key));
        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        Assert.Equal("true", resent.Headers.GetValues("Idempotent-Replayed").Single());
        var again = await resent.JsonAsync();
        Assert.Equal(first.GetRawText(), again.GetRawText()); // same device, same token, same name and role
        using var device = rig.Appliance.NewClient(again.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/api/v1/menu")).StatusCode);

        using (var otherName = await phone.SendAsync(Keyed(code, key, "Another phone")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, otherName.StatusCode);
            Assert.Equal("idempotency-key-reused", (await otherName.JsonAsync()).GetProperty("code").GetString());
        }
        foreach (var other in new[] { Guid.NewGuid().ToString(), null })
        {
            using var refused = await phone.SendAsync(Keyed(code, other));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("pairing-code-invalid", (await refused.JsonAsync()).GetProperty("code").GetString());
        }
        var deviceId = first.GetProperty("deviceId").GetString();
        Assert.Single(await rig.Admin.ReadJournalAsync(), e => e.GetProperty("type").GetString() == "DevicePaired"
            && e.GetProperty("data").GetProperty("deviceId").GetString() == deviceId);
        Assert.DoesNotContain(first.GetProperty("token").GetString()!, string.Join('\n', rig.Logs.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_phones_racing_with_one_code_exactly_one_pairs_and_the_others_get_401()
    {
        using var manager = await ManagerAsync("manager-race");
        var code = (await PairingRig.CreateCodeAsync(manager, "kitchen")).GetProperty("code").GetString()!;
        var phones = Enumerable.Range(0, 6).Select(i => rig.Phone($"127.0.0.{30 + i}")).ToList();
        var answers = await Task.WhenAll(phones.Select(p => PairingRig.PairAsync(p, code)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).JsonAsync();
        var journal = await rig.Admin.ReadJournalAsync();
        Assert.Single(journal, e => e.GetProperty("type").GetString() == "DevicePaired"
            && e.GetProperty("data").GetProperty("deviceId").GetString() == winner.GetProperty("deviceId").GetString());
        Assert.Equal(1, journal.Count(e => e.GetProperty("type").GetString() == "PairingCodeUsed"
            && e.GetProperty("data").GetProperty("deviceId").GetString() == winner.GetProperty("deviceId").GetString()));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
        phones.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task After_twenty_wrong_codes_from_an_address_even_the_right_code_is_429_until_the_cool_down_ends_while_other_addresses_pair()
    {
        using var manager = await ManagerAsync("manager-limit");
        var mine = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        var theirs = (await PairingRig.CreateCodeAsync(manager)).GetProperty("code").GetString()!;
        using var guesser = rig.Phone("127.0.0.41");
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await PairingRig.PairAsync(guesser, WrongCode(mine, theirs));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var limited = await PairingRig.PairAsync(guesser, mine))
        {
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal("too-many-failed-attempts", (await limited.JsonAsync()).GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        }
        using var neighbour = rig.Phone("127.0.0.42");
        await PairingRig.PairedAsync(neighbour, theirs);

        rig.Appliance.Time.Advance(TimeSpan.FromSeconds(59));
        using (var still = await PairingRig.PairAsync(guesser, mine))
        {
            Assert.Equal((HttpStatusCode)429, still.StatusCode);
        }
        rig.Appliance.Time.Advance(TimeSpan.FromSeconds(1));
        await PairingRig.PairedAsync(guesser, mine); // the code was never used: it pairs once the cool-down is over
    }

    [Theory]
    [InlineData("server")]
    [InlineData("kitchen")]
    [InlineData("integration")]
    public async Task Only_a_manager_or_the_admin_makes_codes(string role)
    {
        using var device = rig.Appliance.NewClient(await rig.Admin.RegisterDeviceAsync($"not-a-manager-{role}", role));
        using var refused = await device.PostAsJsonAsync("/api/v1/pairing-codes", new { role = "server" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal(("permission-denied", "devices.manage"), (problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
        using var anonymous = rig.Phone();
        using var noToken = await anonymous.PostAsJsonAsync("/api/v1/pairing-codes", new { role = "server" });
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        var byAdmin = await PairingRig.CreateCodeAsync(rig.Admin, "manager");
        Assert.Equal("manager", byAdmin.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("""{"role": "owner"}""", "role")]
    [InlineData("""{}""", "role")]
    [InlineData("""{"role": "server", "name": "Bar\u0007phone"}""", "name")]
    public async Task A_bad_code_request_is_400_with_the_field(string json, string field)
    {
        using var response = await rig.Admin.PostAsync("/api/v1/pairing-codes", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("""{"code": "12345", "name": "Pixel"}""", "code")]
    [InlineData("""{"code": "12345678901234", "name": "Pixel"}""", "code")]
    [InlineData("""{"code": "1234a67890123", "name": "Pixel"}""", "code")]
    [InlineData("""{"name": "Pixel"}""", "code")]
    [InlineData("""{"code": "1234567890123", "name": "Pix\u0000el"}""", "name")]
    public async Task A_pairing_that_is_not_a_code_at_all_is_400_and_is_not_counted(string json, string field)
    {
        using var phone = rig.Phone("127.0.0.51");
        for (var i = 0; i < 25; i++)
        {
            using var response = await phone.PostAsync("/api/v1/pairing", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        }
    }
}
