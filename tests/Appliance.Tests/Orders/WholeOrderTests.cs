using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

public sealed class WholeOrderTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _client = _appliance.NewClient();
        await _client.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task Order_FromOpenToClose_HasExactTotalsTaxAndDailyReport()
    {
        var orderId = Guid.NewGuid();
        var open = await _client.OpenAsync(orderId, "dine-in", "12", 2);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        Assert.Equal($"/api/v1/orders/{orderId}", open.Headers.Location?.ToString());

        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 2)).EnsureSuccessStatusCode(); // 2500, tax 206.25 -> 206
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 3)).EnsureSuccessStatusCode();  // 1425, tax 117.5625 -> 118
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "ipa", 1)).EnsureSuccessStatusCode();    // 700, tax 70
        var soda = Guid.NewGuid();
        (await _client.AddLineAsync(orderId, soda, "soda", 1)).EnsureSuccessStatusCode();            // voided below: 199
        (await _client.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{soda}/void", new { reason = "spilled" })).EnsureSuccessStatusCode();
        var fired = await (await _client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).JsonAsync();
        Assert.All(fired.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("menuItemId").GetString() != "soda"),
            l => Assert.Equal("fired", l.GetProperty("status").GetString()));

        var refused = await _client.PostAsync($"/api/v1/orders/{orderId}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("balance-not-zero", (await refused.JsonAsync()).GetProperty("code").GetString());

        (await _client.PayAsync(orderId, "card", 3000, tipMinor: 500)).EnsureSuccessStatusCode();
        var paid = await (await _client.PayAsync(orderId, "cash", 2100)).JsonAsync(); // 81 change
        Assert.Equal(0, paid.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(81, paid.GetProperty("changeDueMinor").GetInt64());

        var closedResponse = await _client.PostAsync($"/api/v1/orders/{orderId}/close", null);
        Assert.Equal(HttpStatusCode.OK, closedResponse.StatusCode);
        var closed = await closedResponse.JsonAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(4625, closed.GetProperty("subtotalMinor").GetInt64());
        Assert.Equal(394, closed.GetProperty("taxMinor").GetInt64());
        Assert.Equal(5019, closed.GetProperty("totalMinor").GetInt64());
        Assert.Equal(5019, closed.GetProperty("paidMinor").GetInt64());
        Assert.Equal(500, closed.GetProperty("tipMinor").GetInt64());
        Assert.Equal(10, closed.GetProperty("version").GetInt32());
        Assert.Equal("\"10\"", closedResponse.Headers.ETag?.ToString());

        // A second order stays open: it counts in ordersOpen only.
        var other = Guid.NewGuid();
        (await _client.OpenAsync(other, "takeout", null, null)).EnsureSuccessStatusCode();
        (await _client.AddLineAsync(other, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();

        var date = closed.GetProperty("businessDate").GetString();
        var report = await _client.GetJsonAsync($"/api/v1/reports/daily?businessDate={date}");
        Assert.Equal(1, report.GetProperty("ordersClosed").GetInt32());
        Assert.Equal(1, report.GetProperty("ordersOpen").GetInt32());
        Assert.Equal(4625, report.GetProperty("netSalesMinor").GetInt64());
        Assert.Equal(394, report.GetProperty("taxMinor").GetInt64());
        Assert.Equal(5019, report.GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(199, report.GetProperty("voidsMinor").GetInt64());
        Assert.Equal(500, report.GetProperty("tipsMinor").GetInt64());
        var tenders = report.GetProperty("tenders");
        Assert.Equal(2019, tenders.GetProperty("cash").GetInt64());
        Assert.Equal(3000, tenders.GetProperty("card").GetInt64());
        Assert.Equal(0, tenders.GetProperty("other").GetInt64());
        var items = report.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("menuItemId").GetString(), i.GetProperty("quantity").GetInt32(), i.GetProperty("netSalesMinor").GetInt64()))
            .ToList();
        Assert.Equal([("burger", 2, 2500L), ("fries", 3, 1425L), ("ipa", 1, 700L)], items);
    }

    [Fact]
    public async Task Orders_AreListed_ByStatusAndBusinessDate()
    {
        var open = Guid.NewGuid();
        var closed = Guid.NewGuid();
        (await _client.OpenAsync(open)).EnsureSuccessStatusCode();
        var opened = await (await _client.OpenAsync(closed)).JsonAsync();
        (await _client.PostAsync($"/api/v1/orders/{closed}/close", null)).EnsureSuccessStatusCode();
        var date = opened.GetProperty("businessDate").GetString();

        var openIds = (await _client.GetJsonAsync($"/api/v1/orders?status=open&businessDate={date}"))
            .GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).ToList();
        var closedIds = (await _client.GetJsonAsync($"/api/v1/orders?status=closed&businessDate={date}"))
            .GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).ToList();
        Assert.Contains(open, openIds);
        Assert.DoesNotContain(closed, openIds);
        Assert.Contains(closed, closedIds);
        Assert.DoesNotContain(open, closedIds);
        Assert.Empty((await _client.GetJsonAsync("/api/v1/orders?businessDate=2001-01-01")).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task UnknownOrder_Is404_WithProblemCode()
    {
        var response = await _client.GetAsync($"/api/v1/orders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("order-not-found", (await response.JsonAsync()).GetProperty("code").GetString());
    }
}
