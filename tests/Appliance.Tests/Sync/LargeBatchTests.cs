using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Sync;

/// <summary>
/// A batch of many commands on one long order costs what the batch costs, not the batch times the order: each
/// order is in the answer once, with its last command, and the answers kept for the commands' ids hold the order
/// by version, not a copy of it. Otherwise one device's batch of 500 lines answered 200 MB and kept as much on disk.
/// </summary>
public sealed class LargeBatchTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private const int Lines = Api.Sync.CommandBatchApi.MaxCommands - 1;

    [Fact]
    public async Task AFullOrderInOneBatch_IsAnsweredOnce_AndKeptByVersion()
    {
        var orderId = Guid.NewGuid();
        var prefix = $"big-{Guid.NewGuid():N}";
        var issuedAt = new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(-5));
        var commands = new List<object> { new { commandId = $"{prefix}-open", type = "open-order", orderId, issuedAt, payload = new { orderId, channel = "dine-in" } } };
        // The most a batch holds: the open and 499 lines.
        commands.AddRange(Enumerable.Range(0, Lines).Select(i => (object)new
        {
            commandId = $"{prefix}-{i}",
            type = "add-line",
            orderId,
            issuedAt,
            payload = new
            {
                lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1, note = new string('n', 200),
                modifiers = Enumerable.Range(0, 20).Select(m => $"{m:D2}" + new string('m', 58)).ToArray(),
            },
        }));

        using var response = await fixture.TillB.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-b", commands });
        var text = await response.Content.ReadAsStringAsync();
        using var again = await fixture.TillB.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-b", commands });
        var againText = await again.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Lines + 1, results.Count);
        Assert.All(results, r => Assert.Equal("applied", r.GetProperty("outcome").GetString()));
        Assert.Equal(Enumerable.Range(1, Lines + 1), results.Select(r => r.GetProperty("version").GetInt32()));
        // The order once, as the last command left it; the answer is about one order's size, not 500.
        Assert.All(results.SkipLast(1), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("order").ValueKind));
        var order = results[^1].GetProperty("order");
        Assert.Equal(Lines, order.GetProperty("lines").GetArrayLength());
        Assert.True(text.Length < 2 * order.GetRawText().Length, $"the answer is {text.Length} bytes for an order of {order.GetRawText().Length}");
        Assert.Equal(text, againText);

        // What is kept for the 500 command ids holds no copy of the order.
        await using var db = NpgsqlDataSource.Create(fixture.Appliance.ConnectionString);
        await using var kept = db.CreateCommand("select count(*), coalesce(sum(length(body)), 0) from idempotency where key like $1");
        kept.Parameters.AddWithValue($"cmd:till-b:{prefix}-%");
        await using var reader = await kept.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(Lines + 1, reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));

        // One more line fills the order; the next is a conflict.
        (await fixture.TillB.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1)).EnsureSuccessStatusCode();
        using var more = await fixture.TillB.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1);
        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        Assert.Equal("order-full", (await more.JsonAsync()).GetProperty("code").GetString());
    }
}
