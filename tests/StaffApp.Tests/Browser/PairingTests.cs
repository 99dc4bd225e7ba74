using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Pairing in a real browser: the QR code's address (<c>/pair#code=...</c>) fills the code in from the fragment, which
/// never reaches the appliance, and leaves the address bar at once; a pairing whose answer the network loses is sent
/// again with the same Idempotency-Key, and the phone gets the device the first send made.
/// </summary>
[Collection(StaffAppCollection.Name)]
public sealed class PairingTests(StaffAppRig rig)
{
    [Fact]
    public async Task The_qr_address_fills_the_code_from_its_fragment_and_a_lost_answer_is_resent_with_the_same_key_for_the_same_device()
    {
        using var admin = rig.NewAdminClient();
        using var made = await admin.PostAsJsonAsync("/api/v1/pairing-codes", new { role = "server", name = "Terrace phone" });
        var issued = await made.JsonAsync();
        var code = issued.GetProperty("code").GetString()!;
        var pairingUrl = issued.GetProperty("pairingUrl").GetString()!;
        Assert.EndsWith($"/pair#code={code}", pairingUrl, StringComparison.Ordinal);

        await using var phone = await rig.NewPhoneAsync();
        // The network loses the first pairing's answer after the appliance made the device; later sends go through.
        var keys = new List<string?>();
        await phone.Page.RouteAsync("**/api/v1/pairing", async route =>
        {
            keys.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (keys.Count == 1)
            {
                var reached = await route.FetchAsync();
                Assert.Equal(201, reached.Status);
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.FallbackAsync();
        });

        await phone.Page.GotoAsync(pairingUrl);
        var field = phone.Page.GetByLabel("Pairing code");
        await Poll.UntilAsync(() => field.InputValueAsync(), v => v == code, TimeSpan.FromSeconds(30), "the code to be filled in from the fragment");
        Assert.DoesNotContain("code=", phone.Page.Url, StringComparison.Ordinal); // gone from the address bar and the history
        Assert.DoesNotContain(phone.Responses, r => r.Url.Contains(code, StringComparison.Ordinal)); // never sent to the appliance

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Pair this phone" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();

        Assert.Equal(2, keys.Count);
        Assert.False(string.IsNullOrEmpty(keys[0]));
        Assert.Equal(keys[0], keys[1]);
        var identity = await phone.Page.EvaluateAsync<string>("() => localStorage.getItem('pos.device')");
        var deviceId = System.Text.Json.JsonDocument.Parse(identity).RootElement.GetProperty("deviceId").GetString();
        var paired = (await admin.ReadJournalAsync()).Where(e => e.GetProperty("type").GetString() == "DevicePaired"
            && e.GetProperty("data").GetProperty("codeId").GetString() == issued.GetProperty("codeId").GetString()).ToList();
        Assert.Equal(deviceId, Assert.Single(paired).GetProperty("data").GetProperty("deviceId").GetString());
        Assert.Equal("Terrace phone", (await admin.GetJsonAsync($"/api/v1/devices/{deviceId}")).GetProperty("name").GetString());
    }
}
