using System.Net.Http.Json;
using System.Text.Json;
using Pos.Grains.Clock;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Sync;

/// <summary>
/// A real appliance pulling a chain menu from a real cloud process: a group's override reaches it, it keeps serving the
/// menu it has while the line is down, and a rollback reaches it as a newer menu version with the earlier content.
/// </summary>
public sealed class ChainMenuSyncTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);
    private static readonly StoreClockOptions NewYork = new() { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) };

    [Fact]
    public async Task A_group_override_reaches_the_store_and_a_rollback_reaches_it_as_a_newer_version()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var link = await rig.LinkAsync("west-1");
        await SendAsync(rig.Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", kind = "region", stores = new[] { "west-1" } });
        await SendAsync(rig.Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", new
        {
            currency = "USD",
            items = new object[]
            {
                new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen" },
                new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar" },
            },
        });
        await SendAsync(rig.Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override", new { items = new object[] { new { id = "burger", priceMinor = 1300 } } });
        await SendAsync(rig.Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { });

        await using var appliance = await ApplianceFactory.StartAsync(NewYork, DateTimeOffset.UtcNow, link);
        using var client = appliance.NewClient();
        await Poll.UntilAsync(() => MenuAsync(client), m => m is { } v && BurgerPrice(v) == 1300, Drain, "the group's price to arrive");
        await Poll.UntilAsync(() => SyncRig.SyncStatusAsync(client), s => s.GetProperty("menuVersion").GetInt32() == 1, Drain, "menu version 1 recorded");

        // Offline: a mistaken price is published to the group; the store goes on with the menu it has.
        rig.Proxy.Mode = ProxyMode.Refuse;
        var publishedAt = DateTimeOffset.UtcNow;
        await SendAsync(rig.Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override", new { items = new object[] { new { id = "burger", priceMinor = 1500 } } });
        await SendAsync(rig.Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { groupId = "west" });
        await Poll.UntilAsync(() => SyncRig.SyncStatusAsync(client),
            s => s.GetProperty("lastErrorAt").ValueKind == JsonValueKind.String && s.GetProperty("lastErrorAt").GetDateTimeOffset() > publishedAt.AddSeconds(1),
            Drain, "a failed attempt after the mistake was published");
        Assert.Equal(1300, BurgerPrice((await MenuAsync(client))!.Value));

        rig.Proxy.Mode = ProxyMode.Pass;
        await Poll.UntilAsync(() => MenuAsync(client), m => m is { } v && BurgerPrice(v) == 1500, Drain, "the mistake once online");

        // The rollback: chain version 2's menu again, as store menu version 3, which the store takes (it only takes newer ones).
        await SendAsync(rig.Hq, HttpMethod.Post, "/cloud/v1/chain-menu/rollback", new { version = 2 });
        await Poll.UntilAsync(() => MenuAsync(client), m => m is { } v && BurgerPrice(v) == 1300, Drain, "the rolled-back price");
        await Poll.UntilAsync(() => SyncRig.SyncStatusAsync(client), s => s.GetProperty("menuVersion").GetInt32() == 3, Drain, "menu version 3 recorded");
        Assert.Equal([1300, 199], (await MenuAsync(client))!.Value.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("priceMinor").GetInt64()));
    }

    private static async Task SendAsync(HttpClient hq, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await hq.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement?> MenuAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/menu");
        return response.IsSuccessStatusCode ? await response.JsonAsync() : null;
    }

    private static long BurgerPrice(JsonElement menu) =>
        menu.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "burger").GetProperty("priceMinor").GetInt64();
}
