using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>What several browser tests do the same way: orders made through the API, a phone paired and on the floor.</summary>
public static class StaffAppSteps
{
    /// <summary>Opens an order at <paramref name="table"/> through the API, with <paramref name="burgers"/> burgers on it.</summary>
    public static async Task<Guid> OpenOrderAsync(HttpClient admin, string table, int burgers)
    {
        await admin.PutMenuAsync();
        var orderId = Guid.NewGuid();
        (await admin.OpenAsync(orderId, table: table)).EnsureSuccessStatusCode();
        if (burgers > 0)
        {
            (await admin.AddLineAsync(orderId, Guid.NewGuid(), "burger", burgers)).EnsureSuccessStatusCode();
        }
        return orderId;
    }

    /// <summary>Makes a pairing code through the API (as the admin) and types it on the phone's pairing screen.</summary>
    public static async Task<string> PairAsync(Phone phone, HttpClient admin, string role = "server")
    {
        using var made = await admin.PostAsJsonAsync("/api/v1/pairing-codes", new { role });
        var code = (await made.JsonAsync()).GetProperty("code").GetString()!;
        await phone.Page.GotoAsync("/pair");
        await phone.Page.GetByLabel("Pairing code").FillAsync(code);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Pair this phone" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
        var identity = await phone.Page.EvaluateAsync<string>("() => localStorage.getItem('pos.device')");
        return System.Text.Json.JsonDocument.Parse(identity).RootElement.GetProperty("deviceId").GetString()!;
    }

    /// <summary>Opens an order on the phone's floor screen at <paramref name="table"/> and waits for its screen.</summary>
    public static async Task<Guid> OpenOrderOnPhoneAsync(Phone phone, string table)
    {
        await phone.Page.GetByLabel("Table").FillAsync(table);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Open the order" }).ClickAsync();
        await phone.Page.WaitForURLAsync("**/order/*");
        return Guid.Parse(phone.Page.Url[(phone.Page.Url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Taps a menu item (adds one at once).</summary>
    public static Task TapItemAsync(Phone phone, string itemId) =>
        phone.Page.Locator($"button.item-add[data-item-id='{itemId}']").ClickAsync();

    /// <summary>The banner once it is in <paramref name="state"/>.</summary>
    public static async Task<string> BannerAsync(Phone phone, string state, float timeoutMs = 30_000)
    {
        var banner = phone.Page.Locator($".banner[data-state='{state}']");
        await banner.WaitForAsync(new() { Timeout = timeoutMs });
        return await banner.InnerTextAsync();
    }

    /// <summary>The floor's entry for an order, once the floor shows it.</summary>
    public static async Task<ILocator> FloorEntryAsync(Phone phone, Guid orderId)
    {
        var entry = phone.Page.Locator($"li.order[data-order-id='{orderId}']");
        await entry.WaitForAsync();
        return entry;
    }

    /// <summary>Waits until the service worker controls the page: the app shell is then in its cache.</summary>
    public static Task WaitForOfflineShellAsync(Phone phone) =>
        phone.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 60_000 });
}
