using Pos.Cloud.ChainMenus;
using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>The order overrides apply in, and what happens where two groups disagree: pure, without a database.</summary>
public sealed class ChainMenuComposerTests
{
    private static readonly MenuItem Burger = new("burger", "Burger", 1250, 825, "kitchen");
    private static readonly MenuItem Fries = new("fries", "Fries", 450, 825, "kitchen");

    private static MenuOverride Override(IReadOnlyList<ItemOverride>? items = null, IReadOnlyList<MenuItem>? added = null, IReadOnlyList<string>? removed = null) =>
        new(items ?? [], added ?? [], removed ?? []);

    private static ChainMenuState State(Dictionary<string, MenuOverride> groups, Dictionary<string, MenuOverride>? stores = null) =>
        ChainMenuState.Empty with
        {
            Version = 1,
            Base = new MenuDefinition("USD", [Burger, Fries]),
            Groups = groups,
            Stores = stores ?? [],
        };

    [Fact]
    public void Groups_apply_by_precedence_then_id_and_the_later_one_wins_a_disagreement()
    {
        var state = State(new()
        {
            ["b-region"] = Override(items: [new ItemOverride("burger", 1300, null)]),
            ["a-brand"] = Override(items: [new ItemOverride("burger", 1400, false)]),
        });
        // Same precedence: by group id, so b-region comes last and its price wins; the brand's "unavailable" stands.
        var (menu, applied) = ChainMenuComposer.Compose(state, "s1", [new("b-region", 0), new("a-brand", 0)]);
        Assert.Equal(["a-brand", "b-region"], applied);
        Assert.Equal([Fries], menu.Items);

        // The brand ranked higher: its price wins.
        state = State(new()
        {
            ["b-region"] = Override(items: [new ItemOverride("burger", 1300, null)]),
            ["a-brand"] = Override(items: [new ItemOverride("burger", 1400, null)]),
        });
        (menu, applied) = ChainMenuComposer.Compose(state, "s1", [new("b-region", 0), new("a-brand", 5)]);
        Assert.Equal(["b-region", "a-brand"], applied);
        Assert.Equal([Burger with { PriceMinor = 1400 }, Fries], menu.Items);
    }

    [Fact]
    public void A_later_layer_adds_back_what_an_earlier_removed_and_the_store_comes_last()
    {
        var cheaper = Fries with { Name = "Skinny fries", PriceMinor = 399 };
        var state = State(
            new() { ["west"] = Override(removed: ["fries"]), ["brand"] = Override(added: [cheaper], items: [new ItemOverride("burger", null, false)]) },
            new() { ["s1"] = Override(items: [new ItemOverride("burger", 999, true), new ItemOverride("ghost", 1, null)]) });

        var (menu, _) = ChainMenuComposer.Compose(state, "s1", [new("west", 0), new("brand", 1)]);
        Assert.Equal([Burger with { PriceMinor = 999 }, cheaper], menu.Items);
        // Another store of the same groups, without an override of its own: the burger stays off.
        Assert.Equal([cheaper], ChainMenuComposer.Compose(state, "s2", [new("west", 0), new("brand", 1)]).Menu.Items);
        // A store in no group gets the base.
        Assert.Equal([Burger, Fries], ChainMenuComposer.Compose(state, "s3", []).Menu.Items);
    }
}
