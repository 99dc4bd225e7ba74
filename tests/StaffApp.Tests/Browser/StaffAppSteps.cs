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

    /// <summary>Registers a server device through the API and enters its token on the phone's pairing screen.</summary>
    public static async Task PairAsync(Phone phone, HttpClient admin)
    {
        var token = await admin.RegisterDeviceAsync("phone-" + Guid.NewGuid().ToString("N")[..8]);
        await phone.Page.GotoAsync("/pair");
        await phone.Page.GetByLabel("Device token").FillAsync(token);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Keep this token" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
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
