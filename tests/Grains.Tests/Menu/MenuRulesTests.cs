using Pos.Contracts.Menu;
using Pos.Contracts.Problems;


namespace Pos.Grains.Tests.Menu;

public sealed class MenuRulesTests
{
    private static readonly MenuItem Burger = new("burger", "Burger", 1000, 825, "kitchen");
    private static readonly MenuItem Soda = new("soda", "Soda", 199, 0, "bar");

    private static MenuDefinition WithSecondItem(MenuItem second) => new("USD", [Burger, second]);

    [Fact]
    public void Check_Passes_AValidMenu()
    {
        var menu = new MenuDefinition("USD", [Burger, Soda, new("house.red_wine-175", "House red 175ml", 0, 10_000, "bar")]);

        Assert.Null(MenuRules.Check(menu));
    }

    [Fact]
    public void Check_Passes_AnEmptyMenu()
    {
        Assert.Null(MenuRules.Check(new MenuDefinition("EUR", [])));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("")]
    [InlineData(null)]
    public void Check_RefusesCurrency_WhenNotThreeCapitalLetters(string? currency)
    {
        Invalid(MenuRules.Check(new MenuDefinition(currency!, [Burger])), "currency");
    }

    [Fact]
    public void Check_RefusesItems_WhenMissing()
    {
        Invalid(MenuRules.Check(new MenuDefinition("USD", null!)), "items");
    }

    [Fact]
    public void Check_RefusesItems_WhenMoreThan2000()
    {
        var items = Enumerable.Range(0, MenuRules.MaxItems + 1).Select(i => Soda with { Id = $"item-{i}" }).ToList();

        Invalid(MenuRules.Check(new MenuDefinition("USD", items)), "items");
    }

    [Fact]
    public void Check_RefusesAnItem_WhenItIsNull()
    {
        Invalid(MenuRules.Check(WithSecondItem(null!)), "items[1]");
    }

    [Fact]
    public void Check_RefusesTheSecondItem_WhenItsIdRepeatsTheFirst()
    {
        var error = MenuRules.Check(WithSecondItem(Soda with { Id = "burger" }));

        Invalid(error, "items[1].id");
        Assert.Contains("'burger'", error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Passes_IdsThatDifferOnlyInCase()
    {
        Assert.Null(MenuRules.Check(WithSecondItem(Soda with { Id = "Burger" })));
    }

    [Theory]
    [InlineData("fries!")]
    [InlineData("french fries")]
    [InlineData("frites/large")]
    [InlineData("café")]
    [InlineData("")]
    [InlineData(" ")]
    public void Check_RefusesAnId_WithCharactersOtherThanLettersDigitsDashUnderscoreDot(string id)
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Id = id })), "items[1].id");
    }

    [Fact]
    public void Check_RefusesAnId_LongerThan64Characters()
    {
        Assert.Null(MenuRules.Check(WithSecondItem(Soda with { Id = new string('s', 64) })));
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Id = new string('s', 65) })), "items[1].id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Check_RefusesAName_WhenBlank(string name)
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Name = name })), "items[1].name");
    }

    [Fact]
    public void Check_RefusesAName_LongerThan100Characters()
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Name = new string('n', 101) })), "items[1].name");
    }

    [Fact]
    public void Check_RefusesAPrice_WhenNegative()
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { PriceMinor = -1 })), "items[1].priceMinor");
    }

    [Theory]
    [InlineData(10_001)]
    [InlineData(-1)]
    public void Check_RefusesATaxRate_OutsideZeroTo10000BasisPoints(int taxRateBp)
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { TaxRateBp = taxRateBp })), "items[1].taxRateBp");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_RefusesAStation_WhenBlank(string station)
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Station = station })), "items[1].station");
    }

    [Fact]
    public void Check_RefusesAStation_LongerThan40Characters()
    {
        Invalid(MenuRules.Check(WithSecondItem(Soda with { Station = new string('s', 41) })), "items[1].station");
    }

    [Fact]
    public void Check_ReportsTheFirstItemAtFault()
    {
        var menu = new MenuDefinition("USD", [Burger, Soda with { PriceMinor = -1 }, Soda with { Id = "tea", Station = "" }]);

        Invalid(MenuRules.Check(menu), "items[1].priceMinor");
    }

    private static readonly MenuCategory Mains = new("mains", "Mains");
    private static readonly MenuCategory Drinks = new("drinks", "Drinks");

    private static MenuDefinition Categorised(params MenuCategory[] categories) =>
        new("USD", [Burger with { CategoryId = "mains" }, Soda]) { Categories = categories };

    [Fact]
    public void Check_Passes_ItemsUnderTheMenusCategoriesOrUnderNone()
    {
        Assert.Null(MenuRules.Check(Categorised(Mains, Drinks)));
        Assert.Null(MenuRules.Check(new MenuDefinition("USD", [Soda]) { Categories = [Drinks] }));
    }

    [Fact]
    public void Check_RefusesAnItemsCategoryId_WhenTheMenuHasNoSuchCategory()
    {
        var error = MenuRules.Check(Categorised(Drinks));

        Invalid(error, "items[0].categoryId");
        Assert.Contains("'mains'", error!.Detail, StringComparison.Ordinal);
        Invalid(MenuRules.Check(new MenuDefinition("USD", [Soda with { CategoryId = "Drinks" }]) { Categories = [Drinks] }), "items[0].categoryId");
    }

    [Fact]
    public void Check_RefusesACategory_WhenNullOrItsIdRepeatsOrIsNotAnId()
    {
        Invalid(MenuRules.Check(Categorised(Mains, null!)), "categories[1]");
        Invalid(MenuRules.Check(Categorised(Mains, Mains with { Name = "Other mains" })), "categories[1].id");
        Invalid(MenuRules.Check(Categorised(Mains, new MenuCategory("hot drinks", "Hot drinks"))), "categories[1].id");
        Invalid(MenuRules.Check(Categorised(Mains, new MenuCategory(new string('c', 65), "Long"))), "categories[1].id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Starters\nand more")]
    public void Check_RefusesACategoryName_WhenBlankOrNotOneLine(string name)
    {
        Invalid(MenuRules.Check(Categorised(Mains, Drinks with { Name = name })), "categories[1].name");
    }

    [Fact]
    public void Check_RefusesACategoryName_LongerThan40Characters_AndMoreThan200Categories()
    {
        Assert.Null(MenuRules.Check(Categorised(Mains, Drinks with { Name = new string('d', MenuRules.MaxCategoryName) })));
        Invalid(MenuRules.Check(Categorised(Mains, Drinks with { Name = new string('d', MenuRules.MaxCategoryName + 1) })), "categories[1].name");
        var many = Enumerable.Range(0, MenuRules.MaxCategories + 1).Select(i => new MenuCategory($"c{i}", $"C {i}")).ToArray();
        Invalid(MenuRules.Check(Categorised(many)), "categories");
    }

    private static void Invalid(CommandError? error, string field)
    {
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }
}
