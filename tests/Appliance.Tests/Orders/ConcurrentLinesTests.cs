using System.Net;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Orders;

public sealed class ConcurrentLinesTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    [Fact]
    public async Task FiftyClients_AddingLinesToOneOrder_AllLand_WithIncreasingVersions_AndAGaplessJournal()
    {
        var orderId = Guid.NewGuid();
        (await fixture.Client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var clients = Enumerable.Range(0, 50).Select(_ => fixture.Appliance.NewClient()).ToList();
        var lineIds = clients.Select(_ => Guid.NewGuid()).ToList();

        var answers = await Task.WhenAll(clients.Select(async (client, i) =>
        {
            using var response = await client.AddLineAsync(orderId, lineIds[i], "burger", 1);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("version").GetInt32();
        }));

        // Each acknowledged command saw its own version: 2..51, no two alike.
        Assert.Equal(Enumerable.Range(2, 50), answers.Order());
        var order = await fixture.Client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(51, order.GetProperty("version").GetInt32());
        Assert.Equal(lineIds.Order(), order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetGuid()).Order());

        var journal = await fixture.Client.ReadJournalAsync();
        var seqs = journal.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(journal.Count, journal.Select(e => e.GetProperty("eventId").GetGuid()).Distinct().Count());
        var stream = journal.Where(e => e.GetProperty("streamId").GetString() == $"order-{orderId}").ToList();
        Assert.Equal(Enumerable.Range(1, 51), stream.Select(e => e.GetProperty("streamVersion").GetInt32()));
        var added = stream.Where(e => e.GetProperty("type").GetString() == "LineAdded")
            .Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).ToList();
        Assert.Equal(lineIds.Order(), added.Order());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
