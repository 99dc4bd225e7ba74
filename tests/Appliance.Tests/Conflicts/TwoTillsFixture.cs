using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Conflicts;

/// <summary>
/// One appliance with the test menu and two registered devices, till-a and till-b, each with its own HttpClient:
/// two POS terminals working on the same orders.
/// </summary>
public sealed class TwoTillsFixture : IAsyncLifetime
{
    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient TillA { get; private set; } = null!;
    public HttpClient TillB { get; private set; } = null!;

    /// <summary>A manager's till: it may void a line another till fired (permission lines.void-fired).</summary>
    public HttpClient ManagerTill { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync();
        Admin = Appliance.NewClient();
        // The test menu and one item at the highest price, to fill an order to its limit.
        (await Admin.PutAsJsonAsync("/api/v1/menu", PosClient.Menu(
            new { id = "yacht", name = "Yacht", priceMinor = Pos.Contracts.Money.MoneyLimits.MaxPriceMinor, taxRateBp = 0, station = "bar" })))
            .EnsureSuccessStatusCode();
        TillA = await RegisterAsync("till-a");
        TillB = await RegisterAsync("till-b");
        ManagerTill = await RegisterAsync("till-m", "manager");
    }

    public async Task DisposeAsync()
    {
        TillA.Dispose();
        TillB.Dispose();
        ManagerTill.Dispose();
        Admin.Dispose();
        await Appliance.DisposeAsync();
    }

    /// <summary>The journal's head seq.</summary>
    public async Task<long> HeadSeqAsync() =>
        (await Admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    /// <summary>The events of one order's stream written after <paramref name="after"/>, in seq order.</summary>
    public async Task<List<JsonElement>> OrderEventsAfterAsync(Guid orderId, long after)
    {
        var page = await Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
        return [.. page.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("streamId").GetString() == $"order-{orderId}")];
    }

    /// <summary>A device registered through POST /api/v1/devices with the admin token, and a client holding its token.</summary>
    private async Task<HttpClient> RegisterAsync(string deviceId, string role = "server")
    {
        var token = await Admin.RegisterDeviceAsync(deviceId, role, $"Till {deviceId}");
        var client = Appliance.NewClient(token);
        await client.GetJsonAsync("/api/v1/menu"); // the token is accepted
        return client;
    }
}
