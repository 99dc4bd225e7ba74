using System.Net;
using Pos.Contracts.Menu;
using static Pos.Cloud.Tests.ChainMenus.HqCalls;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>
/// The chain menu reaches each store as the one whole menu it should have (read as the store reads it, through its
/// own signed pull), and a rollback gives the stores the earlier menus again as new, higher menu versions.
/// </summary>
public sealed class ChainMenuPublishTests : CloudTest
{
    private static readonly MenuItem Burger = new("burger", "Burger", 1250, 825, "kitchen", "mains");
    private static readonly MenuItem Ipa = new("ipa", "IPA pint", 700, 1000, "bar", "drinks");
    private static readonly MenuItem Fries = new("fries", "Fries", 450, 825, "kitchen");
    private static readonly MenuItem Salad = new("salad", "Salad", 900, 825, "kitchen", "mains");
    private static readonly MenuItem Clam = new("clam", "Clam chowder", 800, 825, "kitchen", "mains");
    private static readonly MenuItem Shake = new("shake", "Shake", 550, 825, "bar", "drinks");

    private static object BaseMenu(long burgerPriceMinor = 1250) => new
    {
        currency = "USD",
        categories = new object[] { new { id = "mains", name = "Mains" }, new { id = "drinks", name = "Drinks" } },
        items = new object[]
        {
            new { id = "burger", name = "Burger", priceMinor = burgerPriceMinor, taxRateBp = 825, station = "kitchen", categoryId = "mains" },
            new { id = "ipa", name = "IPA pint", priceMinor = 700, taxRateBp = 1000, station = "bar", categoryId = "drinks" },
            new { id = "fries", name = "Fries", priceMinor = 450, taxRateBp = 825, station = "kitchen" },
            new { id = "salad", name = "Salad", priceMinor = 900, taxRateBp = 825, station = "kitchen", categoryId = "mains" },
        },
    };

    private async Task<Dictionary<string, TestStore>> ChainAsync()
    {
        var stores = new Dictionary<string, TestStore>(StringComparer.Ordinal);
        foreach (var id in new[] { "downtown", "uptown", "airport", "mall" })
        {
            stores[id] = await TestStore.RegisterAsync(Cloud, Hq, id);
        }
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "West", kind = "region", stores = new[] { "downtown", "uptown" } }), HttpStatusCode.Created);
        // The brand's overrides come after the region's wherever both apply: a higher precedence.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/burgers",
            new { name = "Burger brand", kind = "brand", precedence = 10, stores = new[] { "uptown", "airport" } }), HttpStatusCode.Created);
        return stores;
    }

    [Fact]
    public async Task A_chain_menu_with_group_and_store_overrides_reaches_each_store_as_its_whole_menu()
    {
        var stores = await ChainAsync();
        Assert.Equal(1, Version(await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", BaseMenu()), HttpStatusCode.OK)));
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override", new
        {
            items = new object[] { new { id = "burger", priceMinor = 1300 }, new { id = "fries", available = false } },
            added = new object[] { new { id = "clam", name = "Clam chowder", priceMinor = 800, taxRateBp = 825, station = "kitchen", categoryId = "mains" } },
            removed = new[] { "salad" },
        }, ifMatch: 1), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/burgers/override", new
        {
            items = new object[] { new { id = "burger", priceMinor = 1400 } },
            added = new object[] { new { id = "shake", name = "Shake", priceMinor = 550, taxRateBp = 825, station = "bar", categoryId = "drinks" } },
        }), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/stores/uptown/override", new
        {
            items = new object[] { new { id = "ipa", priceMinor = 650 }, new { id = "fries", available = true } },
        }), HttpStatusCode.OK);
        using var lastChange = await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/stores/mall/override", new { removed = new[] { "ipa" } });
        Assert.Equal("\"5\"", lastChange.Headers.ETag?.ToString());
        Assert.Equal("store:mall", (await JsonAsync(lastChange, HttpStatusCode.OK)).GetProperty("change").GetString());

        var published = await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }), HttpStatusCode.OK);
        Assert.Equal(5, published.GetProperty("chainVersion").GetInt32());
        Assert.Equal(["airport", "downtown", "mall", "uptown"],
            published.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("storeId").GetString()));
        Assert.All(published.GetProperty("stores").EnumerateArray(), s => Assert.Equal(1, s.GetProperty("menuVersion").GetInt32()));

        // Each store reads its own menu as the appliance does: signed with its own secret, after the version it has.
        var expected = new Dictionary<string, MenuItem[]>
        {
            // West: its price, fries left off, salad removed, clam added.
            ["downtown"] = [Burger with { PriceMinor = 1300 }, Ipa, Clam],
            // West then the brand (the brand's burger price wins), then its own: a cheaper IPA, fries back on.
            ["uptown"] = [Burger with { PriceMinor = 1400 }, Ipa with { PriceMinor = 650 }, Fries, Clam, Shake],
            ["airport"] = [Burger with { PriceMinor = 1400 }, Ipa, Fries, Salad, Shake],
            // No group: the base, less what its own override removed.
            ["mall"] = [Burger, Fries, Salad],
        };
        foreach (var (storeId, items) in expected)
        {
            var (version, menu) = await PulledAsync(Cloud, stores[storeId], after: 0);
            Assert.Equal(1, version);
            Assert.Equal("USD", menu.Currency);
            Assert.Equal(items, menu.Items);
            Assert.Equal([new MenuCategory("mains", "Mains"), new MenuCategory("drinks", "Drinks")], menu.Categories);
            Assert.True(MenuRules.Check(menu) is null, storeId);
            Assert.Equal(HttpStatusCode.NoContent, (await PullAsync(Cloud, stores[storeId], after: 1)).StatusCode);
        }
        var preview = await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu/stores/uptown/menu"), HttpStatusCode.OK);
        Assert.Equal(["west", "burgers"], preview.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(5, preview.GetProperty("chainVersion").GetInt32());
        Assert.Equal(await ChainVersionsOfAsync(), new Dictionary<string, int?> { ["airport"] = 5, ["downtown"] = 5, ["mall"] = 5, ["uptown"] = 5 });
    }

    [Fact]
    public async Task A_rollback_gives_the_stores_the_earlier_menus_again_as_newer_versions()
    {
        var stores = await ChainAsync();
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", BaseMenu()), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override",
            new { items = new object[] { new { id = "burger", priceMinor = 1300 } } }), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }), HttpStatusCode.OK);
        var before = new Dictionary<string, MenuDefinition>(StringComparer.Ordinal);
        foreach (var (id, store) in stores)
        {
            before[id] = (await PulledAsync(Cloud, store, after: 0)).Menu;
        }

        // A mistake, published to the west only: burgers at 15.00 and the IPA gone.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override",
            new { items = new object[] { new { id = "burger", priceMinor = 1500 } }, removed = new[] { "ipa" } }, ifMatch: 2), HttpStatusCode.OK);
        var toWest = await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { groupId = "west" }), HttpStatusCode.OK);
        Assert.Equal("west", toWest.GetProperty("groupId").GetString());
        Assert.Equal(["downtown:2", "uptown:2"], toWest.GetProperty("stores").EnumerateArray()
            .Select(s => $"{s.GetProperty("storeId").GetString()}:{s.GetProperty("menuVersion").GetInt32()}"));
        Assert.Equal(1500, (await PulledAsync(Cloud, stores["downtown"], after: 1)).Menu.Items.Single(i => i.Id == "burger").PriceMinor);
        Assert.Equal(HttpStatusCode.NoContent, (await PullAsync(Cloud, stores["airport"], after: 1)).StatusCode);

        // An admin who read version 2 cannot roll back over version 3 unseen.
        var stale = await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/rollback", new { version = 2, groupId = "west" }, ifMatch: 2),
            HttpStatusCode.PreconditionFailed, "version-mismatch");
        Assert.Equal(3, stale.GetProperty("currentVersion").GetInt32());

        var rolled = await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/rollback", new { version = 2, groupId = "west" }, ifMatch: 3),
            HttpStatusCode.OK);
        Assert.Equal(4, rolled.GetProperty("chainVersion").GetInt32());
        // The stores that went forward to the mistake get the earlier menu as a newer version, which the appliance
        // takes since it only applies versions above the one it has.
        foreach (var id in new[] { "downtown", "uptown" })
        {
            var (version, menu) = await PulledAsync(Cloud, stores[id], after: 2);
            Assert.Equal(3, version);
            Assert.Equal(before[id].Items, menu.Items);
            Assert.Equal(before[id].Categories, menu.Categories);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await PullAsync(Cloud, stores["airport"], after: 1)).StatusCode);

        // The chain menu itself went back: version 4 holds version 2's content, and later changes build on it.
        var versions = await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu/versions"), HttpStatusCode.OK);
        Assert.Equal(["base", "group:west", "group:west", "rollback:2"],
            versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("change").GetString()));
        using var head = await Hq.GetAsync("/cloud/v1/chain-menu");
        Assert.Equal("\"4\"", head.Headers.ETag?.ToString());
        var now = await JsonAsync(head, HttpStatusCode.OK);
        var then = await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu?version=2"), HttpStatusCode.OK);
        Assert.Equal(then.GetProperty("groups").GetRawText(), now.GetProperty("groups").GetRawText());
        Assert.Equal(then.GetProperty("base").GetRawText(), now.GetProperty("base").GetRawText());
        Assert.Contains("1500", (await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu?version=3"), HttpStatusCode.OK)).GetProperty("groups").GetRawText());

        // Publishing an older version as it is also works, to the whole chain, without changing the chain menu.
        var older = await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { version = 3 }), HttpStatusCode.OK);
        Assert.Equal(3, older.GetProperty("chainVersion").GetInt32());
        Assert.Equal(1500, (await PulledAsync(Cloud, stores["uptown"], after: 3)).Menu.Items.Single(i => i.Id == "burger").PriceMinor);
        Assert.Equal(1250, (await PulledAsync(Cloud, stores["airport"], after: 1)).Menu.Items.Single(i => i.Id == "burger").PriceMinor);
        Assert.Equal(4, Version(await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu"), HttpStatusCode.OK)));
        Assert.Equal(new Dictionary<string, int?> { ["airport"] = 3, ["downtown"] = 3, ["mall"] = 3, ["uptown"] = 3 }, await ChainVersionsOfAsync());

        // A menu published to one store alone comes from no chain-menu version, and is that store's next version.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/stores/mall/menu", BaseMenu(burgerPriceMinor: 999)), HttpStatusCode.Created);
        Assert.Null((await ChainVersionsOfAsync())["mall"]);
        Assert.Equal(999, (await PulledAsync(Cloud, stores["mall"], after: 2)).Menu.Items.Single(i => i.Id == "burger").PriceMinor);
    }

    /// <summary>The chain-menu version each store's latest menu was composed from, as HQ lists it.</summary>
    private async Task<Dictionary<string, int?>> ChainVersionsOfAsync()
    {
        var sources = await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu/stores"), HttpStatusCode.OK);
        return sources.GetProperty("stores").EnumerateArray().ToDictionary(
            s => s.GetProperty("storeId").GetString()!,
            s => s.GetProperty("chainVersion").ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : s.GetProperty("chainVersion").GetInt32(),
            StringComparer.Ordinal);
    }
}
