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

    private static async Task<ApplianceFactory> StartAsync(string database)
    {
        var factory = new ApplianceFactory(database);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, Patience, "the appliance to be ready");
        return factory;
    }
}
