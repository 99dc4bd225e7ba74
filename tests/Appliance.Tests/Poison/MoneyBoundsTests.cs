using System.Net;
using System.Net.Http.Json;
using Pos.Contracts.Money;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Poison;

/// <summary>
/// Money is bounded: prices, amounts, tips and an order's total have stated maxima; at the limit they are taken,
/// past it refused before anything is written, and the day's report adds them up exactly.
/// </summary>
public sealed class MoneyBoundsTests : IAsyncLifetime
{
    private const long Max = MoneyLimits.MaxOrderTotalMinor;

    private ApplianceFactory _appliance = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _client = _appliance.NewClient();
        (await _client.PutAsJsonAsync("/api/v1/menu", new
        {
            currency = "USD",
            items = new object[]
            {
                new { id = "yacht", name = "Yacht", priceMinor = MoneyLimits.MaxPriceMinor, taxRateBp = 0, station = "bar" },
                new { id = "gum", name = "Gum", priceMinor = 1, taxRateBp = 0, station = "bar" },
            },
        })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _appliance.DisposeAsync();
    }

    private async Task<long> HeadAsync() =>
        (await _client.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    [Fact]
    public async Task APricePastTheLimit_IsRefused()
    {
        var head = await HeadAsync();
        using var response = await _client.PutAsJsonAsync("/api/v1/menu", new
        {
            currency = "USD",
            items = new[] { new { id = "x", name = "X", priceMinor = MoneyLimits.MaxPriceMinor + 1, taxRateBp = 0, station = "bar" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("items[0].priceMinor", out _));
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task OrdersAtTheLimit_AreTaken_PastItRefused_AndTheReportAddsThemUpExactly()
    {
        var date = "2026-11-25";
        for (var n = 0; n < 2; n++)
        {
            var orderId = Guid.NewGuid();
            (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
            // 999 yachts and one more: exactly the most an order may hold.
            (await _client.AddLineAsync(orderId, Guid.NewGuid(), "yacht", 999)).EnsureSuccessStatusCode();
            (await _client.AddLineAsync(orderId, Guid.NewGuid(), "yacht", 1)).EnsureSuccessStatusCode();
            var head = await HeadAsync();

            using var gum = await _client.AddLineAsync(orderId, Guid.NewGuid(), "gum", 1);
            Assert.Equal(HttpStatusCode.Conflict, gum.StatusCode);
            Assert.Equal("order-total-too-large", (await gum.JsonAsync()).GetProperty("code").GetString());
            using var overpaid = await _client.PayAsync(orderId, "cash", Max + 1);
            Assert.Equal(HttpStatusCode.BadRequest, overpaid.StatusCode);
            using var overTipped = await _client.PayAsync(orderId, "card", Max, tipMinor: Max + 1);
            Assert.Equal(HttpStatusCode.BadRequest, overTipped.StatusCode);
            Assert.Equal(head, await HeadAsync());

            (await _client.PayAsync(orderId, "card", Max, tipMinor: Max)).EnsureSuccessStatusCode();
            (await _client.PostAsync($"/api/v1/orders/{orderId}/close", null)).EnsureSuccessStatusCode();
            var order = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
            Assert.Equal(Max, order.GetProperty("totalMinor").GetInt64());
            Assert.Equal(Max, order.GetProperty("tipMinor").GetInt64());
        }

        var report = await _client.GetJsonAsync($"/api/v1/reports/daily?businessDate={date}");
        Assert.Equal(2, report.GetProperty("ordersClosed").GetInt32());
        Assert.Equal(2 * Max, report.GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(2 * Max, report.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(2 * Max, report.GetProperty("tipsMinor").GetInt64());
        Assert.Equal(2 * Max, report.GetProperty("tenders").GetProperty("card").GetInt64());
        Assert.Equal(2 * Max, report.GetProperty("items")[0].GetProperty("netSalesMinor").GetInt64());
    }
}
