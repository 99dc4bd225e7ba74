using System.Net;
using System.Text;
using System.Text.Json;
using Pos.Contracts.Sync;
using Pos.EndToEnd.Tests.Sync;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>The cloud process refuses what does not follow, contradicts, or is not signed by the store itself, and keeps what it had.</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task Gaps_conflicts_bad_signatures_and_other_stores_are_refused_and_change_nothing()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var a = Convert.FromBase64String((await rig.LinkAsync("store-a"))["POS_STORE_SECRET"]);
        var b = Convert.FromBase64String((await rig.LinkAsync("store-b"))["POS_STORE_SECRET"]);
        using var http = new HttpClient { BaseAddress = rig.Cloud.BaseAddress };
        var events = Enumerable.Range(1, 5).Select(i => Event(i)).ToList();
        using (var first = await PostAsync(http, "store-a", a, events[..3]))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var before = await rig.CloudJournalAsync("store-a");

        using var gap = await PostAsync(http, "store-a", a, events[4..]);
        using var conflict = await PostAsync(http, "store-a", a, [Event(3), events[3]]);
        using var badSignature = await PostAsync(http, "store-a", new byte[32], events[3..]);
        using var otherStore = await PostAsync(http, "store-a", b, events[3..]);
        Assert.Equal((HttpStatusCode.Conflict, "journal-gap"), (gap.StatusCode, await CodeAsync(gap)));
        Assert.Equal((HttpStatusCode.Conflict, "journal-conflict"), (conflict.StatusCode, await CodeAsync(conflict)));
        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherStore.StatusCode);

        // Store B's secret cannot read store A's menu either.
        const string path = "/cloud/v1/stores/store-a/menu/published";
        using var read = new HttpRequestMessage(HttpMethod.Get, path);
        read.Headers.Add(BatchSignature.Header, BatchSignature.Sign(b, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(path)));
        using var readOther = await http.SendAsync(read);
        Assert.Equal(HttpStatusCode.Unauthorized, readOther.StatusCode);

        var after = await rig.CloudJournalAsync("store-a");
        Assert.Equal(before.Select(r => (r.Seq, r.EventId)), after.Select(r => (r.Seq, r.EventId)));
        Assert.Empty(await rig.CloudJournalAsync("store-b"));
        var stores = (await rig.Hq.GetJsonAsync("/cloud/v1/stores")).GetProperty("stores").EnumerateArray()
            .ToDictionary(s => s.GetProperty("storeId").GetString()!, s => s.GetProperty("ackedSeq").GetInt64());
        Assert.Equal(3, stores["store-a"]);
        Assert.Equal(0, stores["store-b"]);
    }

    private static object Event(long seq) => new
    {
        seq,
        eventId = Guid.CreateVersion7(),
        streamId = "order-e2e",
        streamVersion = seq,
        type = "OrderOpened",
        occurredAt = DateTimeOffset.UtcNow,
        deviceId = "e2e",
        businessDate = "2026-11-25",
        data = new { n = seq },
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string storeId, byte[] secret, IEnumerable<object> events)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { events });
        var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{storeId}/journal") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(secret, DateTimeOffset.UtcNow, body));
        return await http.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("code").GetString();
}
