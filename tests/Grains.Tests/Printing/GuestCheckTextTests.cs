using Pos.Contracts.Orders;
using Pos.Grains.Printing.Documents;

namespace Pos.Grains.Tests.Printing;

/// <summary>The guest check's and receipt's lines, from an order's events: by seat, voids left out, tips suggested on the subtotal.</summary>
public sealed class GuestCheckTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 20, 15, 0, TimeSpan.FromHours(-5));

    private static OrderState Order(params OrderEvent[] more) => OrderState.From(
        [new OrderOpened(Guid.NewGuid(), 41, Channel.DineIn, "7", 3, new DateOnly(2026, 11, 25), At, "USD"), .. more]);

    private static LineAdded Line(string name, long price, int? seat = null, int quantity = 1) =>
        new(Guid.NewGuid(), name.ToLowerInvariant(), name, quantity, price, 825, "kitchen", null, []) { Seat = seat };

    /// <summary>A label and an amount spread over the paper's columns.</summary>
    private static string Row(string left, string right, int columns = 32) => left + new string(' ', columns - left.Length - right.Length) + right;

    [Fact]
    public void Lines_are_grouped_by_seat_with_the_tables_own_last_and_a_voided_line_is_left_out()
    {
        var soup = Line("Soup", 600, seat: 2);
        var voided = Line("Steak", 3200, seat: 1);
        var order = Order(Line("Burger", 1250, seat: 1), soup, Line("Fries", 450), voided, new LineVoided(voided.LineId, "wrong table", false));

        var lines = GuestCheckText.Lines(order, new CheckPrinted(Guid.NewGuid(), CheckKind.Check, "front", false, At), 32, "till-1");

        var items = lines.SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Seat 1", Row("1 Burger", "12.50"), "Seat 2", Row("1 Soup", "6.00"), "Table", Row("1 Fries", "4.50")], items);
        Assert.DoesNotContain(lines, l => l.Contains("Steak", StringComparison.Ordinal));
        Assert.Contains(Row("Order 41", "Table 7"), lines);
        Assert.Contains(Row("Guests 3", "2026-11-25 20:15"), lines);
        Assert.Contains(Row("Subtotal", "23.00"), lines);
    }

    [Fact]
    public void Suggested_tips_are_a_percentage_of_the_subtotal_before_tax_rounded_half_up()
    {
        Assert.Equal(225, GuestCheckText.SuggestedTip(1250, 18));
        Assert.Equal(2, GuestCheckText.SuggestedTip(9, 22)); // 1.98 -> 2
        Assert.Equal(1, GuestCheckText.SuggestedTip(5, 18)); // 0.90 -> 1
        Assert.Equal(0, GuestCheckText.SuggestedTip(-300, 20)); // nothing suggested on a negative subtotal
    }

    [Fact]
    public void A_copy_says_so_first_and_a_receipt_shows_each_payment_its_tip_and_change()
    {
        var order = Order(Line("Burger", 1250),
            new PaymentAdded(Guid.NewGuid(), Tender.Cash, 1000, 0, 0, null),
            new PaymentAdded(Guid.NewGuid(), Tender.Card, 353, 200, 0, null));

        var lines = GuestCheckText.Lines(order, new CheckPrinted(Guid.NewGuid(), CheckKind.Receipt, "front", true, At), 32, "till-1");

        Assert.Equal("** COPY **", lines[0]);
        Assert.Contains(Row("Cash", "10.00"), lines);
        Assert.Contains(Row("Card", "3.53"), lines);
        Assert.Contains(Row("  Tip", "2.00"), lines);
        Assert.Contains(Row("Paid in full", "13.53"), lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Signature", StringComparison.Ordinal)); // the card's tip is in
        Assert.Equal("RECEIPT", GuestCheckText.Title(new CheckPrinted(Guid.NewGuid(), CheckKind.Receipt, "front", true, At)));
    }

    [Fact]
    public void A_name_longer_than_the_paper_wraps_and_keeps_its_amount()
    {
        var order = Order(Line("Slow roasted heirloom tomato and burrata salad", 1400));

        var lines = GuestCheckText.Lines(order, new CheckPrinted(Guid.NewGuid(), CheckKind.Check, "front", false, At), 24, "till-1");

        Assert.All(lines, l => Assert.True(l.Length <= 24, $"'{l}' runs past the paper"));
        Assert.Contains("14.00", lines);
    }
    [Fact]
    public void A_discount_shows_between_the_subtotal_and_the_tax_and_the_total_is_after_it()
    {
        // 10 % off a 12.50 burger: 1.25 off, tax 8.25 % on 11.25 is 0.93, total 12.18.
        var order = Order(Line("Burger", 1250), new DiscountApplied(Guid.NewGuid(), null, 1000, null, "regular guest", false));

        var lines = GuestCheckText.Lines(order, new CheckPrinted(Guid.NewGuid(), CheckKind.Check, "front", false, At), 32, "till-1");

        var subtotal = lines.ToList().IndexOf(Row("Subtotal", "12.50"));
        Assert.Equal([Row("Subtotal", "12.50"), Row("Discounts", "-1.25"), Row("Tax", "0.93"), Row("TOTAL", "12.18")], lines.Skip(subtotal).Take(4));
    }
}
