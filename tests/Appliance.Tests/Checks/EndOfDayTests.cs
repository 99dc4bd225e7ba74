using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pos.Appliance.Database;
using Pos.Appliance.Sync;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Tests.Shared;
using static Pos.Appliance.Tests.Checks.CheckClient;

namespace Pos.Appliance.Tests.Checks;

/// <summary>
/// docs/CONFLICTS.md, "The end of the day" (rows E1...): tabs left open block a date's seal; the manager lists them,
/// carries one over to the current date or closes it with a reason, and the seal proceeds. The old date closes out
/// with no sales from a carried-over order; the new date owns it and its money.
/// </summary>
public sealed class EndOfDayTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;
    private HttpClient _till = null!;
    private HttpClient _manager = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _admin = _appliance.NewClient();
        await _admin.PutMenuAsync();
        _till = _appliance.NewClient(await _admin.RegisterDeviceAsync("till-eod", "server"));
        _manager = _appliance.NewClient(await _admin.RegisterDeviceAsync("till-mgr", "manager"));
    }

    public async Task DisposeAsync()
    {
        _till.Dispose();
        _manager.Dispose();
        _admin.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task E1_to_E5_OpenTabs_BlockTheSeal_UntilCarriedOverOrClosedWithAReason_AndTheReportsCountThemOnTheRightDate()
    {
        var tab = await OpenAsync(_till);
        await AddAsync(_till, tab, "fries");
        await PayAsync(_till, tab, "cash", 14);
        var walkOut = await OpenAsync(_till, "3");
        await AddAsync(_till, walkOut, "soda");
        // The sealer runs with the cloud link; this appliance has none, so the test runs one on its services.
        var sealer = new DaySealer(_appliance.Services.GetRequiredService<IJournal>(), _appliance.Services.GetRequiredService<PosDatabase>(),
            _appliance.Services.GetRequiredService<StoreClock>(), _appliance.Time);
        _appliance.Time.Advance(TimeSpan.FromDays(1));

        // E1: the date is over, and its open tabs block the seal; the manager sees them.
        Assert.Equal(0, await sealer.SealDueAsync(CancellationToken.None));
        var blocking = await _manager.GetJsonAsync("/api/v1/business-days/2026-11-25/open-orders");
        Assert.True(blocking.GetProperty("over").GetBoolean());
        Assert.Equal(new[] { tab, walkOut }.Order(), blocking.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).Order());

        // E2: carried over: the new order is today's, with the lines and the money; the old one closes empty.
        using var carried = await _manager.CommandAsync($"/api/v1/orders/{tab}/carry-over", new { }, key: "carry-1");
        var orders = (await OkAsync(carried, "applied")).GetProperty("orders");
        var (old, fresh) = (orders[0], orders[1]);
        Assert.Equal("closed", old.GetProperty("status").GetString());
        Assert.Equal(0, old.GetProperty("totalMinor").GetInt64());
        var newId = old.GetProperty("carriedOverTo").GetGuid();
        Assert.Equal(newId, fresh.GetProperty("orderId").GetGuid());
        Assert.Equal("2026-11-26", fresh.GetProperty("businessDate").GetString());
        Assert.Equal(tab, fresh.GetProperty("carriedFrom").GetGuid());
        Assert.Equal(514, fresh.GetProperty("totalMinor").GetInt64());
        Assert.Equal(14, fresh.GetProperty("paidMinor").GetInt64());

        // E3: a payment on the old order after it was carried over is refused; the retry of the carry-over is the first answer.
        await ProblemAsync(await _till.PayAsync(tab, "card", 500), HttpStatusCode.Conflict, "order-closed");
        using var retried = await _manager.CommandAsync($"/api/v1/orders/{tab}/carry-over", new { }, key: "carry-1");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(newId, (await retried.JsonAsync()).GetProperty("orders")[1].GetProperty("orderId").GetGuid());
        await OkAsync(await _manager.CommandAsync($"/api/v1/orders/{tab}/carry-over", new { newOrderId = newId }), "duplicate");

        // E4: a server needs a manager for either; today's order is not carried over.
        await ProblemAsync(await _till.CommandAsync($"/api/v1/orders/{walkOut}/close-with-reason", new { reason = "walked out" }),
            HttpStatusCode.Forbidden, "permission-denied");
        await ProblemAsync(await _manager.CommandAsync($"/api/v1/orders/{newId}/carry-over", new { }), HttpStatusCode.Conflict, "business-day-not-over");

        // E5: the walk-out closed with a reason; nothing blocks the 25th any more, and it is sealed.
        await OkAsync(await _manager.CommandAsync($"/api/v1/orders/{walkOut}/close-with-reason", new { reason = "walked out" }), "applied");
        Assert.Empty((await _manager.GetJsonAsync("/api/v1/business-days/2026-11-25/open-orders")).GetProperty("orders").EnumerateArray());
        _appliance.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await sealer.SealDueAsync(CancellationToken.None) >= 1);

        var day = await _admin.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-25");
        Assert.Equal(1, day.GetProperty("ordersClosed").GetInt32());
        Assert.Equal(1, day.GetProperty("ordersCarriedOver").GetInt32());
        Assert.Equal(199, day.GetProperty("grossSalesMinor").GetInt64());
        Assert.Equal(199, day.GetProperty("writtenOffMinor").GetInt64());
        Assert.Equal(0, day.GetProperty("tenders").GetProperty("cash").GetInt64());
        var next = await _admin.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-26");
        Assert.Equal(1, next.GetProperty("ordersOpen").GetInt32());
        var z = await _admin.GetJsonAsync("/api/v1/reports/z?businessDate=2026-11-25");
        Assert.Equal(199, z.GetProperty("writtenOffMinor").GetInt64());
    }
}
