using System.Net;
using System.Net.Http.Json;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Checks;

/// <summary>The check commands in a device's batch: the same types as the routes, applied once each, answered the same when sent again.</summary>
public sealed class CheckBatchTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    [Fact]
    public async Task MoveLines_Split_Transfer_AndMerge_InABatch_AreAppliedOnce_AndTheSameBatchAgainIsAnsweredTheSame()
    {
        var (a, b, child) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (fries, soda, burger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var at = DateTimeOffset.Parse("2026-11-25T18:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture);
        object Command(string type, Guid orderId, object payload) => new { commandId = Guid.NewGuid().ToString(), type, orderId, issuedAt = at, payload };
        var batch = new
        {
            deviceId = "till-a",
            commands = new[]
            {
                Command("open-order", a, new { channel = "dine-in", table = "4" }),
                Command("open-order", b, new { channel = "dine-in", table = "5" }),
                Command("add-line", a, new { lineId = fries, menuItemId = "fries", quantity = 1 }),
                Command("add-line", a, new { lineId = soda, menuItemId = "soda", quantity = 1 }),
                Command("add-line", a, new { lineId = burger, menuItemId = "burger", quantity = 1 }),
                Command("move-lines", a, new { toOrderId = b, lineIds = new[] { fries } }),
                Command("split", a, new { mode = "lines", groups = new[] { new { orderId = child, lineIds = new[] { burger } } } }),
                Command("transfer", b, new { table = "6" }),
                Command("merge", b, new { fromOrderId = child }),
                Command("split", b, new { mode = "even", parts = 2 }),
            },
        };
        var head = await fixture.HeadSeqAsync();

        using var first = await fixture.TillA.PostAsJsonAsync("/api/v1/sync/commands", batch, PosClient.Json);
        var results = (await first.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
        var written = await fixture.HeadSeqAsync();
        using var again = await fixture.TillA.PostAsJsonAsync("/api/v1/sync/commands", batch, PosClient.Json);
        var repeated = (await again.JsonAsync()).GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(results, r => Assert.Equal("applied", r.GetProperty("outcome").GetString()));
        Assert.Equal(written, await fixture.HeadSeqAsync());
        Assert.Equal(results.Select(r => r.GetRawText()), repeated.Select(r => r.GetRawText()));
        var orderA = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{a}");
        var orderB = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{b}");
        Assert.Equal([soda], CheckClient.LineIds(orderA));
        Assert.Equal(new[] { fries, burger }.Order(), CheckClient.LineIds(orderB).Order());
        Assert.Equal("6", orderB.GetProperty("table").GetString());
        Assert.Equal(514 + 1353, orderB.GetProperty("evenPartsMinor").EnumerateArray().Sum(p => p.GetInt64()));
        Assert.Equal(b, (await fixture.Admin.GetJsonAsync($"/api/v1/orders/{child}")).GetProperty("mergedInto").GetGuid());
        Assert.True(written > head);
    }
}
