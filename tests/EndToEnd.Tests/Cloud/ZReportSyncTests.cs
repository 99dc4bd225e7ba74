using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pos.EndToEnd.Tests.Sync;
using Pos.Grains.Clock;
using Pos.Tests.Shared;
using Pos.Tools;
using Pos.VirtualPrinter;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// The Z report of a day with a drawer session, a cash payment that kicked the drawer, a card payment with a tip and a
/// shift is the same in the store and, once the journal reached a real cloud process, in the cloud.
/// </summary>
public sealed class ZReportSyncTests
{
    private static readonly StoreClockOptions NewYork = new() { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) };

    [Fact]
    public async Task The_Z_report_is_the_same_in_the_store_and_in_the_cloud_after_sync()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var link = await rig.LinkAsync("zsync");
        await using var appliance = await ApplianceFactory.StartAsync(NewYork, new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5)), link);
        await using var receipt = VirtualPrinterHost.Start("receipt");
        using var admin = appliance.NewClient();
        await admin.PutMenuAsync();
        (await admin.PutAsJsonAsync("/api/v1/printers/receipt", new { name = "Receipt", host = "127.0.0.1", port = receipt.Port, station = "receipt" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/drawers/front", new { name = "Front", printerId = "receipt" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/employees/ana", new { name = "Ana", role = "server", pin = "4821" })).EnsureSuccessStatusCode();
        using var till = appliance.NewClient(await admin.RegisterDeviceAsync("till-z"));
        using var started = await till.PostAsJsonAsync("/api/v1/staff-sessions", new { pin = "4821" });
        using var ana = appliance.NewClient((await started.JsonAsync()).GetProperty("sessionToken").GetString()!);

        (await ana.PostAsJsonAsync("/api/v1/employees/ana/clock-in", new { })).EnsureSuccessStatusCode();
        var session = Guid.NewGuid();
        (await ana.PostAsJsonAsync("/api/v1/drawers/front/sessions", new { sessionId = session, floatMinor = 10_000 })).EnsureSuccessStatusCode();
        foreach (var (tender, amount, tip) in new[] { ("cash", 2_000L, 100L), ("card", 1_353L, 300L) })
        {
            var orderId = Guid.NewGuid();
            (await ana.OpenAsync(orderId)).EnsureSuccessStatusCode();
            (await ana.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
            (await ana.PayAsync(orderId, tender, amount, tip)).EnsureSuccessStatusCode();
            (await ana.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        }
        await Poll.UntilAsync(() => Task.FromResult(receipt.Kicks), k => k.Count == 1, TimeSpan.FromSeconds(30), "the cash payment's kick");
        (await ana.PostAsJsonAsync($"/api/v1/drawer-sessions/{session}/close", new { countedMinor = 11_400 })).EnsureSuccessStatusCode();
        appliance.Time.Advance(TimeSpan.FromMinutes(30));
        (await ana.PostAsJsonAsync("/api/v1/employees/ana/clock-out", new { })).EnsureSuccessStatusCode();

        await SyncRig.DrainedAsync(admin, TimeSpan.FromSeconds(90));
        var store = await admin.GetJsonAsync("/api/v1/reports/z?businessDate=2026-11-25");
        var cloud = (await rig.Hq.GetJsonAsync("/cloud/v1/reports/z?businessDate=2026-11-25&storeId=zsync")).GetProperty("stores")[0].GetProperty("report");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(store.GetRawText()), JsonNode.Parse(cloud.GetRawText())), $"store {store}\ncloud {cloud}");
        Assert.Equal(-53, store.GetProperty("overShortMinor").GetInt64()); // expected 10000 + 1353 + 100 = 11453, counted 11400
        var her = store.GetProperty("byEmployee")[0];
        Assert.Equal(("ana", 400L, 30L), (her.GetProperty("employeeId").GetString(), her.GetProperty("tipsMinor").GetInt64(), her.GetProperty("minutesWorked").GetInt64()));
    }
}
