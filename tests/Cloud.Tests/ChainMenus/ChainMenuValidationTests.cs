using System.Net;
using static Pos.Cloud.Tests.ChainMenus.HqCalls;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>What the chain menu refuses, each as a problem naming what to fix, and that a refusal makes no version and publishes nothing.</summary>
public sealed class ChainMenuValidationTests : CloudTest
{
    private static object BaseMenu(long optionPriceMinor = 100) => new
    {
        currency = "USD",
        categories = new object[] { new { id = "mains", name = "Mains" } },
        items = new object[]
        {
            new
            {
                id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen", categoryId = "mains",
                modifierGroups = new object[]
                {
                    new { id = "extras", name = "Extras", min = 0, max = 1, options = new object[] { new { id = "cheese", name = "Cheese", priceMinor = optionPriceMinor } } },
                },
            },
            new { id = "fries", name = "Fries", priceMinor = 450, taxRateBp = 825, station = "kitchen" },
        },
    };

    [Fact]
    public async Task Bad_overrides_unknown_items_groups_and_stores_are_problems_and_make_no_version()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", stores = new[] { "downtown" } }),
            HttpStatusCode.Created);

        // Nothing to override yet, nothing to publish.
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override",
            new { items = new object[] { new { id = "burger", priceMinor = 1 } } }), HttpStatusCode.Conflict, "chain-menu-has-no-base");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }), HttpStatusCode.Conflict, "chain-menu-has-no-base");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", """{"currency":"usd","items":[]}"""),
            HttpStatusCode.BadRequest, "validation-failed");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", BaseMenu()), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/stores/downtown/override",
            new { items = new object[] { new { id = "fries", priceMinor = 500 } } }), HttpStatusCode.OK);

        var refused = new (string Path, string Body, HttpStatusCode Status, string Code, string Field)[]
        {
            ("groups/west/override", """{"items":[{"id":"pizza","priceMinor":900}]}""", (HttpStatusCode)422, "unknown-menu-item", "items[0].id"),
            ("groups/west/override", """{"removed":["fries","pizza"]}""", (HttpStatusCode)422, "unknown-menu-item", "removed[1]"),
            ("groups/west/override", """{"items":[{"id":"burger","priceMinor":-1}]}""", HttpStatusCode.BadRequest, "validation-failed", "items[0].priceMinor"),
            ("groups/west/override", """{"items":[{"id":"burger"}]}""", HttpStatusCode.BadRequest, "validation-failed", "items[0]"),
            ("groups/west/override", """{"items":[{"id":"burger","priceMinor":1},{"id":"burger","available":false}]}""", HttpStatusCode.BadRequest, "validation-failed", "items[1].id"),
            ("groups/west/override", """{"added":[{"id":"clam","name":"Clam","priceMinor":800,"taxRateBp":825,"station":"kitchen","categoryId":"soups"}]}""",
                HttpStatusCode.BadRequest, "validation-failed", "added[0].categoryId"),
            ("groups/west/override", """{"added":[{"id":"clam","name":"Clam","taxRateBp":825,"station":"kitchen"}]}""", HttpStatusCode.BadRequest, "validation-failed", "added[0]"),
            ("groups/west/override", """{"items":[],"price":3}""", HttpStatusCode.BadRequest, "validation-failed", "price"),
            ("groups/east/override", """{"items":[{"id":"burger","priceMinor":900}]}""", HttpStatusCode.NotFound, "group-not-found", ""),
            ("stores/nowhere/override", """{"items":[{"id":"burger","priceMinor":900}]}""", HttpStatusCode.NotFound, "store-not-found", ""),
            ("stores/down%20town/override", """{"items":[]}""", HttpStatusCode.BadRequest, "validation-failed", "storeId"),
            // The base may not drop an item an override names.
            ("base", """{"currency":"USD","items":[{"id":"burger","name":"Burger","priceMinor":1250,"taxRateBp":825,"station":"kitchen"}]}""",
                (HttpStatusCode)422, "unknown-menu-item", "items[0].id"),
        };
        foreach (var (path, body, status, code, field) in refused)
        {
            var problem = await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, $"/cloud/v1/chain-menu/{path}", body), status, code);
            if (field.Length > 0)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path} {body} => {problem}");
            }
        }
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/chain-menu/groups/west/override"), HttpStatusCode.NotFound, "override-not-found");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { groupId = "east" }), HttpStatusCode.NotFound, "group-not-found");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { version = 9 }), HttpStatusCode.NotFound, "chain-menu-version-not-found");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { version = 0 }), HttpStatusCode.BadRequest, "validation-failed");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/rollback", new { groupId = "west" }), HttpStatusCode.BadRequest, "validation-failed");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/rollback", new { version = 7 }), HttpStatusCode.NotFound, "chain-menu-version-not-found");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", BaseMenu(), ifMatch: 1), HttpStatusCode.PreconditionFailed, "version-mismatch");

        var versions = await JsonAsync(await Hq.GetAsync("/cloud/v1/chain-menu/versions"), HttpStatusCode.OK);
        Assert.Equal(["base", "store:downtown"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("change").GetString()));
        await ProblemAsync(await PullAsync(Cloud, downtown, after: 0), HttpStatusCode.NotFound, "menu-not-published");

        // A group the chain menu overrides is not deleted from under it.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/groups/west/override", """{"items":[{"id":"burger","available":false}]}"""),
            HttpStatusCode.OK);
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/groups/west"), HttpStatusCode.Conflict, "group-has-menu-override");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/chain-menu/groups/west/override", ifMatch: 3), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/groups/west"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_menu_that_would_be_invalid_for_one_store_publishes_to_no_store()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        var uptown = await TestStore.RegisterAsync(Cloud, Hq, "uptown");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", BaseMenu(optionPriceMinor: 100)), HttpStatusCode.OK);
        // A price the override may set, which with the cheese option comes above the most an item may cost.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/stores/uptown/override",
            new { items = new object[] { new { id = "burger", priceMinor = 1_000_000_000 } } }), HttpStatusCode.OK);

        var problem = await ProblemAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }),
            (HttpStatusCode)422, "menu-invalid-for-store");
        Assert.Equal("uptown", problem.GetProperty("storeId").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].modifierGroups", out _), problem.ToString());
        await ProblemAsync(await PullAsync(Cloud, downtown, after: 0), HttpStatusCode.NotFound, "menu-not-published");
        await ProblemAsync(await PullAsync(Cloud, uptown, after: 0), HttpStatusCode.NotFound, "menu-not-published");

        await JsonAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/chain-menu/stores/uptown/override"), HttpStatusCode.OK);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Post, "/cloud/v1/chain-menu/publish", new { }), HttpStatusCode.OK);
        Assert.Equal(1, (await PulledAsync(Cloud, uptown, after: 0)).Version);
    }
}
