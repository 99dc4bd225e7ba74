using System.Net;
using System.Text.Json;

namespace Pos.Cloud.Tests;

/// <summary>The store's journal head sent with each batch, and how far behind HQ sees each store.</summary>
public sealed class SyncStatusTests : CloudTest
{
    [Fact]
    public async Task The_list_shows_each_stores_head_and_how_many_events_are_still_on_their_way()
    {
        var a = await TestStore.RegisterAsync(Cloud, Hq, "a", "Uptown", "America/Chicago");
        var b = await TestStore.RegisterAsync(Cloud, Hq, "b");
        await TestStore.RegisterAsync(Cloud, Hq, "c");
        for (var i = 0; i < 5; i++)
        {
            a.Append("printer-kitchen", "PrinterRegistered", $$"""{"n":{{i}}}""", null);
        }

        await Accepted(await a.SendAsync(1, 3, headSeq: 5));
        var listed = await StoreAsync("a");
        Assert.Equal("Uptown", listed.GetProperty("name").GetString());
        Assert.Equal("America/Chicago", listed.GetProperty("timeZone").GetString());
        Assert.Equal(3, listed.GetProperty("ackedSeq").GetInt64());
        Assert.Equal(5, listed.GetProperty("headSeq").GetInt64());
        Assert.Equal(2, listed.GetProperty("behind").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastSyncAt").ValueKind);

        // A batch with nothing new still says where the store's journal is.
        a.Append("printer-kitchen", "PrinterRegistered", """{"n":5}""", null);
        a.Append("printer-kitchen", "PrinterRegistered", """{"n":6}""", null);
        await Accepted(await a.SendAsync(1, 0, headSeq: 7));
        Assert.Equal((3, 7, 4), await StatusAsync("a"));
        await Accepted(await a.SendAsync(2, 3, headSeq: 7)); // only events the cloud holds
        Assert.Equal((3, 7, 4), await StatusAsync("a"));

        // An older head (a batch that was late) never moves it back; a batch without headSeq leaves it.
        await Accepted(await a.SendAsync(4, 4, headSeq: 4));
        Assert.Equal((4, 7, 3), await StatusAsync("a"));
        await Accepted(await a.SendAsync(5, 7));
        Assert.Equal((7, 7, 0), await StatusAsync("a"));

        // The head is never below what the cloud holds, even when a store says so.
        b.Append("printer-bar", "PrinterRegistered", "{}", null);
        b.Append("printer-bar", "PrinterRegistered", "{}", null);
        await Accepted(await b.SendAsync(1, 2, headSeq: 1));
        Assert.Equal((2, 2, 0), await StatusAsync("b"));

        // Never synced: nothing held, nothing known to be missing.
        Assert.Equal((0, 0, 0), await StatusAsync("c"));
        Assert.Equal(JsonValueKind.Null, (await StoreAsync("c")).GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task A_refused_batch_does_not_move_the_head()
    {
        var a = await TestStore.RegisterAsync(Cloud, Hq, "a");
        for (var i = 0; i < 4; i++)
        {
            a.Append("printer-kitchen", "PrinterRegistered", "{}", null);
        }
        await Accepted(await a.SendAsync(1, 2, headSeq: 2));

        using var gap = await a.SendAsync(4, 4, headSeq: 40);
        Assert.Equal(HttpStatusCode.Conflict, gap.StatusCode);
        using var negative = await a.SendAsync(3, 3, headSeq: -1);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("validation-failed", JsonDocument.Parse(await negative.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        using var forged = await a.SendAsync(3, 3, headSeq: 50, secret: new byte[32]);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        Assert.Equal((2, 2, 0), await StatusAsync("a"));
    }

    private static async Task Accepted(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<JsonElement> StoreAsync(string storeId)
    {
        var stores = JsonDocument.Parse(await Hq.GetStringAsync("/cloud/v1/stores")).RootElement.GetProperty("stores");
        return stores.EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == storeId).Clone();
    }

    private async Task<(long Acked, long Head, long Behind)> StatusAsync(string storeId)
    {
        var store = await StoreAsync(storeId);
        return (store.GetProperty("ackedSeq").GetInt64(), store.GetProperty("headSeq").GetInt64(), store.GetProperty("behind").GetInt64());
    }
}
