using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

/// <summary>
/// Every order names the device that opened it (openedBy: its deviceId from the journal, its name from the devices):
/// in the answer to each command, in a device's batch, in the list, and after the appliance restarts, the device
/// revoked meanwhile.
/// </summary>
public sealed class OpenedByTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_order_names_the_device_that_opened_it_everywhere_and_still_does_after_a_restart_with_the_device_revoked()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var byAna = Guid.NewGuid();
        var byAdmin = Guid.NewGuid();
        var inBatch = Guid.NewGuid();
        await using (var appliance = await StartAsync(database))
        {
            using var admin = appliance.NewClient();
            await admin.PutMenuAsync();
            using var ana = appliance.NewClient(await admin.RegisterDeviceAsync("ana-phone", name: "Ana's phone"));

            var opened = await (await ana.OpenAsync(byAna, table: "4")).JsonAsync();
            var added = await (await admin.AddLineAsync(byAna, Guid.NewGuid(), "burger", 1)).JsonAsync();
            var openedByAdmin = await (await admin.OpenAsync(byAdmin, table: "5")).JsonAsync();
            using var batch = await ana.PostAsJsonAsync("/api/v1/sync/commands", new
            {
                deviceId = "ana-phone",
                commands = new object[]
                {
                    new { commandId = Guid.NewGuid().ToString(), type = "open-order", orderId = inBatch, issuedAt = DateTimeOffset.UtcNow, payload = new { orderId = inBatch, channel = "takeout" } },
                },
            });
            var result = (await batch.JsonAsync()).GetProperty("results")[0];

            Assert.Equal(Ana, OpenedBy(opened));
            Assert.Equal(Ana, OpenedBy(added)); // another device's change leaves the opener as it was
            Assert.Equal(("admin", (string?)null), OpenedBy(openedByAdmin));
            Assert.Equal("applied", result.GetProperty("outcome").GetString());
            Assert.Equal(Ana, OpenedBy(result.GetProperty("order")));
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/devices/ana-phone")).StatusCode);
        }

        await using var again = await StartAsync(database);
        using var client = again.NewClient();
        Assert.Equal(Ana, OpenedBy(await client.GetJsonAsync($"/api/v1/orders/{byAna}")));
        var listed = (await client.GetJsonAsync("/api/v1/orders?status=open")).GetProperty("orders").EnumerateArray()
            .ToDictionary(o => o.GetProperty("orderId").GetGuid(), OpenedBy);
        Assert.Equal(Ana, listed[byAna]);
        Assert.Equal(Ana, listed[inBatch]);
        Assert.Equal(("admin", (string?)null), listed[byAdmin]);
    }

    private static readonly (string, string?) Ana = ("ana-phone", "Ana's phone");

    private static (string DeviceId, string? Name) OpenedBy(JsonElement order)
    {
        var by = order.GetProperty("openedBy");
        return (by.GetProperty("deviceId").GetString()!, by.GetProperty("name").GetString());
    }

    private static async Task<ApplianceFactory> StartAsync(string database)
    {
        var factory = new ApplianceFactory(database);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, Patience, "the appliance to be ready");
        return factory;
    }
}
