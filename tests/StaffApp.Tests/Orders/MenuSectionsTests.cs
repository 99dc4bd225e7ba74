using Pos.Contracts.Menu;
using Pos.StaffApp.Orders;

namespace Pos.StaffApp.Tests.Orders;

/// <summary>The order screen's menu: under its categories in the menu's order, "Other" last, a search across them all.</summary>
public sealed class MenuSectionsTests
{
    private static readonly MenuView Menu = new(4, "USD",
    [
        new MenuItem("ipa", "IPA", 700, 1000, "bar", "drinks"),
        new MenuItem("soup", "Tomato soup", 650, 825, "kitchen", "starters"),
        new MenuItem("bread", "Bread basket", 300, 825, "kitchen"),
        new MenuItem("burger", "Burger", 1250, 825, "kitchen", "mains"),
        new MenuItem("soda", "Soda", 199, 0, "bar", "drinks"),
        new MenuItem("old", "Old special", 900, 825, "kitchen", "gone"),
    ], DateTimeOffset.UnixEpoch)
    {
        Categories = [new("starters", "Starters"), new("mains", "Mains"), new("desserts", "Desserts"), new("drinks", "Drinks")],
    };

    private static string[] Shown(IReadOnlyList<MenuSection> sections) =>
        [.. sections.SelectMany(s => s.Items.Select(i => $"{s.Heading}: {i.Id}"))];

    [Fact]
    public void Items_are_listed_under_their_categories_in_the_menus_order_and_the_rest_under_other()
    {
        var sections = MenuSections.Of(Menu, null);

        Assert.Equal(["Starters", "Mains", "Drinks", "Other"], sections.Select(s => s.Heading));
        // An empty category is not shown; an item naming a category the menu lacks is under Other.
        Assert.Equal(["Starters: soup", "Mains: burger", "Drinks: ipa", "Drinks: soda", "Other: bread", "Other: old"], Shown(sections));
    }

    [Theory]
    [InlineData("so", new[] { "Starters: soup", "Drinks: soda" })]
    [InlineData("  BURG ", new[] { "Mains: burger" })]
    [InlineData("drinks", new[] { "Drinks: ipa", "Drinks: soda" })]
    [InlineData("other", new[] { "Other: bread", "Other: old" })]
    [InlineData("lobster", new string[0])]
    public void A_search_keeps_in_every_category_the_items_whose_name_or_category_holds_it(string search, string[] shown)
    {
        Assert.Equal(shown, Shown(MenuSections.Of(Menu, search)));
    }

    [Fact]
    public void A_menu_without_categories_lists_everything_under_other_in_its_order()
    {
        var plain = new MenuView(1, "USD", [new MenuItem("b", "B", 1, 0, "bar"), new MenuItem("a", "A", 1, 0, "kitchen")], DateTimeOffset.UnixEpoch);

        Assert.Equal(["Other: b", "Other: a"], Shown(MenuSections.Of(plain, "")));
    }
}
