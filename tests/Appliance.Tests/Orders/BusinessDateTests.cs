using Pos.Grains.Clock;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

public sealed class BusinessDateTests : IAsyncLifetime
{
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-5);
    private ApplianceFactory _appliance = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync(
            new StoreClockOptions { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) },
            new DateTimeOffset(2026, 11, 25, 22, 0, 0, NewYork));
        _client = _appliance.NewClient();
        await _client.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task BusinessDateAndOrderNumber_RollOverAtDayStart_InTheStoreZone()
    {
        var evening = await Open();            // 22:00 on the 25th
        _appliance.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 3, 59, 0, NewYork));
        var lateNight = await Open();          // 03:59 on the 26th: still the 25th's business day
        _appliance.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 4, 0, 0, NewYork));
        var morning = await Open();            // 04:00: a new business day, numbers start again
        var morning2 = await Open();

        Assert.Equal(("2026-11-25", 1), Date(evening));
        Assert.Equal(("2026-11-25", 2), Date(lateNight));
        Assert.Equal(("2026-11-26", 1), Date(morning));
        Assert.Equal(("2026-11-26", 2), Date(morning2));
    }

    [Fact]
    public async Task AnOrderKeepsItsBusinessDate_WhenClosedAfterRollover()
    {
        _appliance.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 23, 30, 0, NewYork));
        var order = await Open();
        var orderId = order.GetProperty("orderId").GetGuid();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1)).EnsureSuccessStatusCode();
        _appliance.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 5, 0, 0, NewYork));
        (await _client.PayAsync(orderId, "cash", 199)).EnsureSuccessStatusCode();
        var closed = await (await _client.PostAsync($"/api/v1/orders/{orderId}/close", null)).JsonAsync();

        Assert.Equal("2026-12-01", closed.GetProperty("businessDate").GetString());
        var dec1 = await _client.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-12-01");
        var dec2 = await _client.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-12-02");
        Assert.Equal(1, dec1.GetProperty("ordersClosed").GetInt32());
        Assert.Equal(199, dec1.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(0, dec2.GetProperty("ordersClosed").GetInt32());
        // Without a date the report is today's by the store clock.
        var today = await _client.GetJsonAsync("/api/v1/reports/daily");
        Assert.Equal("2026-12-02", today.GetProperty("businessDate").GetString());
    }

    private async Task<System.Text.Json.JsonElement> Open()
    {
        using var response = await _client.OpenAsync(Guid.NewGuid());
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    private static (string?, int) Date(System.Text.Json.JsonElement order) =>
        (order.GetProperty("businessDate").GetString(), order.GetProperty("number").GetInt32());
}
