using System.Net.Http.Json;
using Microsoft.Playwright;
using Pos.Tests.Shared;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>What several browser tests do the same way: orders made through the API, a phone paired and on the floor.</summary>
public static partial class StaffAppSteps
{
    /// <summary>The test menu's items (burger, fries, ipa, soda) listed under Mains, Sides and Drinks, in that order.</summary>
    public static object CategorisedMenu() => new
    {
        currency = "USD",
        categories = new object[]
        {
            new { id = "mains", name = "Mains" }, new { id = "sides", name = "Sides" }, new { id = "drinks", name = "Drinks" },
        },
        items = new object[]
        {
            new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen", categoryId = "mains" },
            new { id = "fries", name = "Fries", priceMinor = 475, taxRateBp = 825, station = "kitchen", categoryId = "sides" },
            new { id = "ipa", name = "IPA", priceMinor = 700, taxRateBp = 1000, station = "bar", categoryId = "drinks" },
            new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar", categoryId = "drinks" },
        },
    };

    /// <summary>Puts <see cref="CategorisedMenu"/> in force (as the admin).</summary>
    public static async Task PutMenuAsync(HttpClient admin) =>
        (await admin.PutAsJsonAsync("/api/v1/menu", CategorisedMenu())).EnsureSuccessStatusCode();

    /// <summary>
    /// Opens an order at <paramref name="table"/> through the API, with <paramref name="burgers"/> burgers on it: as the
    /// admin, or as the device <paramref name="device"/> (a client holding its token) when given.
    /// </summary>
    public static async Task<Guid> OpenOrderAsync(HttpClient admin, string table, int burgers, HttpClient? device = null)
    {
        await PutMenuAsync(admin);
        var by = device ?? admin;
        var orderId = Guid.NewGuid();
        (await by.OpenAsync(orderId, table: table)).EnsureSuccessStatusCode();
        if (burgers > 0)
        {
            (await by.AddLineAsync(orderId, Guid.NewGuid(), "burger", burgers)).EnsureSuccessStatusCode();
        }
        return orderId;
    }

    /// <summary>Registers a device named <paramref name="name"/> (a new id each time) and gives a client holding its token.</summary>
    public static async Task<HttpClient> NewDeviceAsync(StaffAppRig rig, HttpClient admin, string name)
    {
        var token = await admin.RegisterDeviceAsync("dev-" + Guid.NewGuid().ToString("N")[..12], "server", name);
        return PosClient.NewClient(rig.BaseAddress, token);
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
        // The app moves to the order's address in the page itself (no load). Waiting for that navigation as an event can
        // miss it when it lands before the wait starts listening (seen in full runs: the order screen showing, its
        // address right, and the wait timing out); the address is polled instead.
        try
        {
            await Assertions.Expect(phone.Page).ToHaveURLAsync(OrderAddress(), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"The order screen did not open for table {table}: " + await phone.DescribeAsync(), e);
        }
        return Guid.Parse(phone.Page.Url[(phone.Page.Url.LastIndexOf('/') + 1)..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("/order/[0-9a-fA-F-]{36}$")]
    private static partial System.Text.RegularExpressions.Regex OrderAddress();

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

    /// <summary>A PIN no other test of the shared appliance uses (two active people never share one).</summary>
    public static string NewPin() => Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds (or changes) an employee through the API, as the admin; returns their id.</summary>
    public static async Task<string> AddEmployeeAsync(HttpClient admin, string name, string role, string pin)
    {
        var id = name.ToLowerInvariant().Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6];
        using var put = await admin.PutAsJsonAsync($"/api/v1/employees/{id}", new { name, role, pin });
        Assert.True(put.IsSuccessStatusCode, $"PUT employee answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>Types <paramref name="pin"/> on the PIN pad shown (the sign-in screen's, or a prompt's) and presses its OK key.</summary>
    public static async Task TypePinAsync(ILocator pad, string pin, string submit)
    {
        foreach (var digit in pin)
        {
            await pad.Locator("button.pin-key", new() { HasTextString = digit.ToString() }).First.ClickAsync();
        }
        await pad.GetByRole(AriaRole.Button, new() { Name = submit, Exact = true }).ClickAsync();
    }

    /// <summary>Signs a person in on the phone's PIN pad and waits until the shell names them.</summary>
    public static async Task SignInAsync(Phone phone, string pin, string name)
    {
        await phone.Page.GotoAsync("/sign-in");
        await TypePinAsync(phone.Page.Locator(".pin-pad"), pin, "Sign in");
        await phone.Page.Locator(".who[data-signed-in='true'] .who-name", new() { HasTextString = name }).WaitForAsync();
    }
}
