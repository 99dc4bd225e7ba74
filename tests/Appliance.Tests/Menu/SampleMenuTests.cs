using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Appliance.Menu;
using Pos.Contracts.Menu;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Menu;

/// <summary>
/// The first minute: a new store started with POS_SAMPLE_MENU (as ./pos run starts it) has the sample menu, and the
/// sample never replaces a menu the store has, whether it loaded it itself on an earlier start or someone set it.
/// </summary>
public sealed class SampleMenuTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The file ./pos run names, copied beside the appliance's files.</summary>
    private static string SampleFile => Path.Combine(AppContext.BaseDirectory, "Menu", "sample-menu.json");

    private static Dictionary<string, string> WithSample => new() { ["POS_SAMPLE_MENU"] = SampleFile };

    [Fact]
    public void The_sample_is_a_valid_menu_for_both_virtual_printers()
    {
        var menu = SampleMenu.Read(SampleFile);

        Assert.Null(MenuRules.Check(menu));
        Assert.Equal("USD", menu.Currency);
        Assert.InRange(menu.Items.Count, 10, 40);
        Assert.Equal(["bar", "kitchen"], menu.Items.Select(i => i.Station).Distinct().Order());
        Assert.All(menu.Items, i => Assert.True(i.PriceMinor > 0 && i.TaxRateBp > 0, $"{i.Id} has a price and a tax rate"));
        // Listed on the order screen under its categories, in this order; every item under one of them, none empty.
        Assert.Equal(["Starters", "Mains", "Sides", "Desserts", "Drinks"], menu.Categories.Select(c => c.Name));
        Assert.Equal(menu.Categories.Select(c => c.Id), menu.Items.Select(i => i.CategoryId).Distinct());
    }

    [Fact]
    public void A_file_that_is_not_a_menu_is_refused_with_its_path_and_the_field()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pos-menu-").FullName, "menu.json");
        File.WriteAllText(file, """{ "currency": "USD", "items": [ { "id": "x", "name": "X", "priceMinor": 1, "taxRateBp": 0, "station": "kitchen", "category": "mains" } ] }""");

        var refused = Assert.Throws<FormatException>(() => SampleMenu.Read(file));

        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        Assert.Contains("category", refused.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SampleMenu.Read(file + ".missing"));
    }

    [Fact]
    public async Task A_new_store_gets_the_sample_once_and_a_second_start_keeps_it()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        JsonElement first;
        await using (var appliance = await StartAsync(database))
        {
            var outcome = await OutcomeAsync(appliance);
            Assert.Equal(new SampleMenuOutcome(true, 1, SampleMenu.Read(SampleFile).Items.Count), outcome);
            using var client = appliance.NewClient();
            first = await client.GetJsonAsync("/api/v1/menu");
            Assert.Equal(1, first.GetProperty("version").GetInt32());
            Assert.Contains(first.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "burger");
        }

        await using (var again = await StartAsync(database))
        {
            Assert.Equal(new SampleMenuOutcome(false, 1, first.GetProperty("items").GetArrayLength()), await OutcomeAsync(again));
            // Loading again while the store runs changes nothing either.
            var grains = again.Services.GetRequiredService<IGrainFactory>();
            Assert.False((await SampleMenu.LoadAsync(grains, SampleMenu.Read(SampleFile))).Loaded);
            using var client = again.NewClient();
            var menu = await client.GetJsonAsync("/api/v1/menu");
            Assert.Equal(1, menu.GetProperty("version").GetInt32());
            Assert.Equal(first.GetProperty("items").ToString(), menu.GetProperty("items").ToString());
            Assert.Equal(1, await MenuEventsAsync(client));
        }
    }

    [Fact]
    public async Task A_menu_someone_set_is_kept()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using (var appliance = await StartAsync(database, new Dictionary<string, string>()))
        {
            using var client = appliance.NewClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/menu")).StatusCode);
            await client.PutMenuAsync();
        }

        await using var again = await StartAsync(database);
        Assert.Equal(new SampleMenuOutcome(false, 1, PosClient.MenuItems().Count()), await OutcomeAsync(again));
        using var admin = again.NewClient();
        var menu = await admin.GetJsonAsync("/api/v1/menu");
        Assert.Equal(1, menu.GetProperty("version").GetInt32());
        Assert.Equal(["burger", "fries", "ipa", "soda"], menu.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(1, await MenuEventsAsync(admin));
    }

    private static async Task<ApplianceFactory> StartAsync(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new ApplianceFactory(database, settings: settings ?? WithSample);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, Patience, "the appliance to be ready");
        return factory;
    }

    private static Task<SampleMenuOutcome?> OutcomeAsync(ApplianceFactory appliance) =>
        appliance.Services.GetRequiredService<SampleMenuStartup>().Outcome.WaitAsync(Patience);

    private static async Task<int> MenuEventsAsync(HttpClient client) =>
        (await client.ReadJournalAsync()).Count(e => e.GetProperty("type").GetString() == nameof(MenuReplaced));
}
