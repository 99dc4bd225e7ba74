using Pos.Contracts.Menu;
using Pos.Contracts.Problems;

namespace Pos.Grains.Tests.Menu;

/// <summary>What makes an item's modifier groups valid, each refusal naming its field.</summary>
public sealed class ModifierGroupRulesTests
{
    private static MenuDefinition With(params ModifierGroup[] groups) =>
        new("USD", [new MenuItem("steak", "Steak", 2500, 1000, "kitchen") { ModifierGroups = groups }]);

    private static readonly ModifierOption[] Two = [new("a", "A", 0), new("b", "B", 100)];

    [Fact]
    public void A_valid_group_passes()
    {
        Assert.Null(MenuRules.Check(With(new ModifierGroup("temp", "Temperature", 1, 1, Two), new ModifierGroup("extras", "Extras", 0, 2, Two))));
    }

    [Theory]
    [InlineData("items[0].modifierGroups[0].max", 2, 1, 0)]
    [InlineData("items[0].modifierGroups[0].max", 0, 3, 0)]
    [InlineData("items[0].modifierGroups[0].max", 0, 0, 0)]
    [InlineData("items[0].modifierGroups[0].min", -1, 1, 0)]
    [InlineData("items[0].modifierGroups[0].options[1].priceMinor", 0, 1, -5)]
    public void A_wrong_group_is_refused_naming_the_field(string field, int min, int max, long price)
    {
        var error = MenuRules.Check(With(new ModifierGroup("temp", "Temperature", min, max, [Two[0], Two[1] with { PriceMinor = price == 0 ? 100 : price }])));
        Assert.Equal((ErrorCodes.ValidationFailed, field), (error?.Code, error?.Field));
    }

    [Fact]
    public void Ids_are_unique_names_are_text_and_a_group_has_options()
    {
        Assert.Equal("items[0].modifierGroups[1].id", MenuRules.Check(With(new ModifierGroup("t", "T", 0, 1, Two), new ModifierGroup("t", "U", 0, 1, Two)))?.Field);
        Assert.Equal("items[0].modifierGroups[0].options[1].id", MenuRules.Check(With(new ModifierGroup("t", "T", 0, 1, [Two[0], Two[0]])))?.Field);
        Assert.Equal("items[0].modifierGroups[0].options", MenuRules.Check(With(new ModifierGroup("t", "T", 0, 1, [])))?.Field);
        Assert.Equal("items[0].modifierGroups[0].name", MenuRules.Check(With(new ModifierGroup("t", "bad\u0007", 0, 1, Two)))?.Field);
        var card = MenuRules.Check(With(new ModifierGroup("t", "T", 0, 1, [new("a", "4111 1111 1111 1111", 0)])));
        Assert.Equal((ErrorCodes.CardDataRefused, "items[0].modifierGroups[0].options[0].name"), (card?.Code, card?.Field));
    }
}
