using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;

namespace Pos.Grains.Tests.Money;

/// <summary>
/// The rounding rule of discounts (<see cref="DiscountAllocation"/>), pinned to the cent. Burger 1000 (8.25 % tax),
/// fries 350 (8.25 %), soda 199 (no tax).
/// </summary>
public sealed class DiscountRoundingTests
{
    private static readonly Guid BurgerLine = Id(1);
    private static readonly Guid FriesLine = Id(2);
    private static readonly Guid SodaLine = Id(3);

    private static OrderState ThreeLines(params OrderEvent[] more) =>
        State([Opened(), Line(BurgerLine), Line(FriesLine, Fries), Line(SodaLine, Soda), .. more]);

    private static DiscountApplied Percent(Guid? lineId, int bp, int n = 10) => new(Id(n), lineId, bp, null, "regular", false);

    private static DiscountApplied Amount(Guid? lineId, long amount, int n = 10) => new(Id(n), lineId, null, amount, "regular", false);

    [Fact]
    public void A_line_percent_is_of_the_lines_net_rounded_half_away_from_zero()
    {
        var order = ThreeLines(Percent(SodaLine, 5_000)); // 199 × 50 % = 99.5 → 100
        Assert.Equal(100, order.FindLine(SodaLine)!.DiscountMinor);
        Assert.Equal(100, order.TakenBy(Id(10)));
        Assert.Equal(1549 - 100, order.NetSalesMinor);
    }

    [Fact]
    public void An_order_amount_is_spread_in_proportion_to_net_and_the_cents_left_go_to_the_largest_lines()
    {
        // 100 over 1000/350/199 (1549): 64.56, 22.60, 12.85 → 64, 22, 12 (98); the 2 cents left go to the burger and the fries.
        var order = ThreeLines(Amount(null, 100));
        Assert.Equal([65L, 23L, 12L], order.Lines.Select(l => l.DiscountMinor));
        Assert.Equal(100, order.DiscountMinor);
        // Tax per line on the discounted net: 935 → 77.14 → 77; 327 → 26.98 → 27; soda none.
        Assert.Equal([77L, 27L, 0L], order.Lines.Select(l => l.TaxMinor));
        Assert.Equal(1549 - 100 + 77 + 27, order.TotalMinor);
    }

    [Fact]
    public void Line_discounts_come_first_and_percents_compound_on_what_remains()
    {
        var order = ThreeLines(Percent(null, 1_000, n: 11), Percent(BurgerLine, 1_000, n: 12), Percent(BurgerLine, 1_000, n: 13));
        // Burger: 10 % of 1000 = 100, then 10 % of 900 = 90. Then the order's 10 % of what remains (810 + 350 + 199 = 1359): 135.9 → 136.
        Assert.Equal((100L, 90L, 136L), (order.TakenBy(Id(12)), order.TakenBy(Id(13)), order.TakenBy(Id(11))));
        Assert.Equal(326, order.DiscountMinor);
        Assert.Equal(1549 - 326, order.NetSalesMinor);
    }

    [Fact]
    public void A_comp_takes_all_that_remains_and_the_line_then_pays_no_tax()
    {
        var order = ThreeLines(new DiscountApplied(Id(20), BurgerLine, 10_000, null, "cold", Comp: true));
        var burger = order.FindLine(BurgerLine)!;
        Assert.Equal((1000L, 0L), (burger.DiscountMinor, burger.TaxMinor));
        Assert.Equal(350 + 29 + 199, order.TotalMinor); // fries 350 + 28.875 → 29 tax
    }

    [Fact]
    public void Nothing_goes_below_zero_and_a_voided_line_takes_no_discount()
    {
        var order = ThreeLines(Amount(FriesLine, 300, n: 30), Amount(null, 1_249, n: 31), new LineVoided(BurgerLine, "wrong", false));
        // The fries' 300 stays; the burger is gone, so the order's 1249 can take only what remains: 50 + 199.
        Assert.Equal(0, order.FindLine(BurgerLine)!.DiscountMinor);
        Assert.Equal((300L, 249L), (order.TakenBy(Id(30)), order.TakenBy(Id(31))));
        Assert.Equal(0, order.NetSalesMinor);
        Assert.Equal(0, order.TotalMinor);
    }

    [Fact]
    public void A_removed_discount_takes_nothing()
    {
        var order = ThreeLines(Amount(null, 100), new DiscountRemoved(Id(10)));
        Assert.Equal(0, order.DiscountMinor);
        Assert.Equal(0, order.TakenBy(Id(10)));
        Assert.Equal(1549 + 83 + 29, order.TotalMinor);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 1_000_000_000_000)]
    [InlineData(999_999_999_999, 5, 1_000_000_000_000)]
    public void The_parts_of_an_order_discount_always_add_up_to_it(long amount, int lines, long each)
    {
        var events = new List<OrderEvent> { Opened() };
        for (var i = 0; i < lines; i++)
        {
            events.Add(new LineAdded(Id(100 + i), "x", "X", 1, Math.Min(each, MoneyLimits.MaxPriceMinor) - i, 825, "kitchen", null, []));
        }
        events.Add(Amount(null, amount));
        var order = State([.. events]);
        var net = order.Lines.Sum(l => l.NetMinor);
        Assert.Equal(Math.Min(amount, net), order.DiscountMinor);
        Assert.All(order.Lines, l => Assert.InRange(l.DiscountMinor, 0, l.NetMinor));
    }
}
