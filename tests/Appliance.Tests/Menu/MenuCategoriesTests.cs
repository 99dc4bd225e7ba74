using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Menu;

/// <summary>
/// A menu's categories: kept in the order sent, names trimmed, named by the items' categoryId, still there after a
/// restart; an item naming no category of the menu is refused and changes nothing.
/// </summary>
public sealed class MenuCategoriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static object Menu(string burgerCategory) => new
    {
        currency = "USD",
        categories = new object[] { new { id = "mains", name = "  Mains " }, new { id = "drinks", name = "Drinks" } },
        items = new object[]
        {
            new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar", categoryId = "drinks" },
            new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen", categoryId = burgerCategory },
            new { id = "bread", name = "Bread", priceMinor = 300, taxRateBp = 825, station = "kitchen" },
        },
    };

    [Fact]
    public async Task Categories_are_kept_in_order_trimmed_and_named_by_items_across_a_restart_and_a_wrong_categoryId_is_refused()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using (var appliance = await StartAsync(database))
        {
            using var admin = appliance.NewClient();
            (await admin.PutAsJsonAsync("/api/v1/menu", Menu("mains"))).EnsureSuccessStatusCode();

            using var refused = await admin.PutAsJsonAsync("/api/v1/menu", Menu("desserts"));
            var problem = await refused.JsonAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("items[1].categoryId", out _), problem.ToString());
        }

        await using var again = await StartAsync(database);
        using var client = again.NewClient();
        var menu = await client.GetJsonAsync("/api/v1/menu");
        Assert.Equal(1, menu.GetProperty("version").GetInt32());
        Assert.Equal([("mains", "Mains"), ("drinks", "Drinks")], menu.GetProperty("categories").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!)));
        Assert.Equal([("soda", "drinks"), ("burger", "mains"), ("bread", null)], menu.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("categoryId").GetString())));
        var replaced = (await client.ReadJournalAsync()).Single(e => e.GetProperty("type").GetString() == "MenuReplaced");
        Assert.Equal("Mains", replaced.GetProperty("data").GetProperty("categories")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Modifier_groups_and_the_86_are_there_after_a_restart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using (var appliance = await StartAsync(database))
        {
            using var admin = appliance.NewClient();
            (await admin.PutAsJsonAsync("/api/v1/menu", MenuDepthTests.Menu())).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync("/api/v1/menu/items/pie/availability", new { status = "available", remaining = 4 })).EnsureSuccessStatusCode();
            var orderId = Guid.NewGuid();
            (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
            (await admin.AddLineAsync(orderId, Guid.NewGuid(), "pie", 3)).EnsureSuccessStatusCode();
        }

        await using var again = await StartAsync(database);
        using var client = again.NewClient();
        var menu = await client.GetJsonAsync("/api/v1/menu");
        var steak = menu.GetProperty("items")[0];
        Assert.Equal(["temp", "sides"], steak.GetProperty("modifierGroups").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        Assert.Equal(300, steak.GetProperty("modifierGroups")[1].GetProperty("options")[0].GetProperty("priceMinor").GetInt64());
        var pie = Assert.Single(menu.GetProperty("availability").EnumerateArray());
        Assert.Equal(("pie", "available", 1), (pie.GetProperty("menuItemId").GetString(), pie.GetProperty("status").GetString(), pie.GetProperty("remaining").GetInt32()));
        var orderId2 = Guid.NewGuid();
        (await client.OpenAsync(orderId2)).EnsureSuccessStatusCode();
        using var refused = await client.AddLineAsync(orderId2, Guid.NewGuid(), "pie", 2);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
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
