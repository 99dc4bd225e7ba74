using System.Net;
using static Pos.Cloud.Tests.ChainMenus.HqCalls;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>Several HQ admins at once: changes queue into gapless versions, publishes to the same stores queue rather than deadlock.</summary>
public sealed class ChainMenuConcurrencyTests : CloudTest
{
    [Fact]
    public async Task Changes_at_once_make_gapless_versions_and_publishes_at_once_all_land()
    {
        var ids = Enumerable.Range(1, 8).Select(i => $"store-{i}").ToList();
        foreach (var id in ids)
        {
            await TestStore.RegisterAsync(Cloud, Hq, id);
        }
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/odd", new { name = "Odd", stores = ids.Where((_, i) => i % 2 == 0) }),
            HttpStatusCode.Created);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", new
        {
            currency = "USD",
            items = new object[] { new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen" } },
        }), HttpStatusCode.OK);

        // Eight overrides at once, without If-Match: each its own version, none lost.
        var changes = await Task.WhenAll(ids.Select((id, i) => SendAsync(Hq, HttpMethod.Put, $"/cloud/v1/chain-menu/stores/{id}/override",
            new { items = new object[] { new { id = "burger", priceMinor = 1000 + i } } })));
        var made = new List<int>();
        foreach (var change in changes)
        {
            made.Add(Version(await JsonAsync(change, HttpStatusCode.OK)));
        }
        Assert.Equal(Enumerable.Range(2, 8), made.Order());
        // Eight at once all naming version 9, the latest: one lands, seven are 412.
        var racing = await Task.WhenAll(ids.Select(id => SendAsync(Hq, HttpMethod.Delete, $"/cloud/v1/chain-menu/stores/{id}/override", ifMatch: 9)));
        Assert.Equal(1, racing.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, racing.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));

        // Publishes to overlapping stores at once (the chain, the group, the chain again): each lands whole.
        var publishes = await Task.WhenAll(
            SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }),
            SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { groupId = "odd" }),
            SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { version = 5 }));
        foreach (var publish in publishes)
        {
            await JsonAsync(publish, HttpStatusCode.OK);
        }
        for (var i = 0; i < ids.Count; i++)
        {
            var versions = await JsonAsync(await Hq.GetAsync($"/cloud/v1/stores/{ids[i]}/menu/versions"), HttpStatusCode.OK);
            int[] expected = i % 2 == 0 ? [1, 2, 3] : [1, 2];
            Assert.Equal(expected, versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        }
    }
}
