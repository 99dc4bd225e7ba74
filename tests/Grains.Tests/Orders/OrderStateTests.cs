using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Orders;
using Pos.Grains.Devices;
using Pos.Grains.Orders;

namespace Pos.Grains.Tests.Orders;

/// <summary>An order folded from its events: statuses, version and exact totals.</summary>
public sealed class OrderStateTests
{
    [Fact]
    public void From_NoEvents_IsAnOrderThatDoesNotExist()
    {
        var state = State();

        Assert.False(state.Exists);
        Assert.False(state.IsClosed);
        Assert.Equal(0, state.Version);
        Assert.Equal(0, state.BalanceMinor);
        Assert.Throws<InvalidOperationException>(() => state.ToView(new DeviceRef("till-1", null)));
    }

    [Fact]
    public void Version_CountsEveryEventApplied()
    {
        var state = State(Opened(), Line(Id(1)), new OrderFired([Id(1)], Later), Paid(Tender.Card, 1083), new OrderClosed(Later));

        Assert.Equal(5, state.Version);
        Assert.True(state.Exists);
        Assert.True(state.IsClosed);
        Assert.Equal(Later, state.ClosedAt);
    }

    [Fact]
    public void Totals_AreExact_AndExcludeVoidedLines()
    {
        var state = State(
            Opened(),
            Line(Id(1), Burger, quantity: 2),       // 2000, tax 165
            Line(Id(2), Fries),                     // 350, tax 28.875 -> 29
            Line(Id(3), Soda, quantity: 3),         // 597, tax 0
            Line(Id(4), Burger, quantity: 5),       // voided: counts nowhere
            new LineVoided(Id(4), "wrong table", false),
            Paid(Tender.Card, 2000, tipMinor: 300),
            Paid(Tender.Cash, 2000, tipMinor: 50, changeMinor: 859));

        Assert.Equal(2947, state.SubtotalMinor);
        Assert.Equal(194, state.TaxMinor);
        Assert.Equal(3141, state.TotalMinor);
        Assert.Equal(3141, state.PaidMinor);
        Assert.Equal(350, state.TipMinor);
        Assert.Equal(0, state.BalanceMinor);
    }

    [Fact]
    public void Tax_IsTheSumOfRoundedLines_NotTheTaxOfTheSum()
    {
        var twoDollars = Burger with { Id = "cookie", PriceMinor = 200 };

        var state = State(Opened(), Line(Id(1), twoDollars), Line(Id(2), twoDollars));

        // Each line: 16.5 -> 17; 400 at 825 bp would have been 33.
        Assert.Equal(34, state.TaxMinor);
        Assert.Equal(434, state.TotalMinor);
    }

    [Fact]
    public void Balance_GoesNegative_WhenALineIsVoidedAfterFullPayment()
    {
        var state = State(Opened(), Line(Id(1)), Line(Id(2), Soda), Paid(Tender.Card, 1282), new LineVoided(Id(2), "spilled", true));

        Assert.Equal(1083, state.TotalMinor);
        Assert.Equal(1282, state.PaidMinor);
        Assert.Equal(-199, state.BalanceMinor);
    }

    [Fact]
    public void Lines_CarryTheirStatus_AsEventsAreApplied()
    {
        var state = State(
            Opened(), Line(Id(1)), Line(Id(2)), new OrderFired([Id(1)], Later), Line(Id(3)),
            new LineVoided(Id(1), "burnt", true));

        Assert.Equal([LineStatus.Voided, LineStatus.Pending, LineStatus.Pending], state.Lines.Select(l => l.Status));
        Assert.Equal("burnt", state.FindLine(Id(1))!.VoidReason);
        Assert.Null(state.FindLine(Id(2))!.VoidReason);
        Assert.Null(state.FindLine(Id(9)));
    }

    [Fact]
    public void Apply_Throws_WhenAnEventNamesAnUnknownLine()
    {
        var state = WithOneBurger(Id(1));

        Assert.Throws<InvalidOperationException>(() => state.Apply(new LineVoided(Id(2), "burnt", false)));
        Assert.Throws<InvalidOperationException>(() => state.Apply(new OrderFired([Id(2)], Later)));
    }

    [Fact]
    public void Clone_IsIndependent_OfTheOrderItWasCopiedFrom()
    {
        var original = WithOneBurger(Id(1));

        var copy = original.Clone();
        copy.Apply(new OrderFired([Id(1)], Later));
        copy.Apply(Line(Id(2), Soda));

        Assert.Equal(LineStatus.Pending, original.FindLine(Id(1))!.Status);
        Assert.Single(original.Lines);
        Assert.Equal(2, original.Version);
        Assert.Equal(LineStatus.Fired, copy.FindLine(Id(1))!.Status);
        Assert.Equal(4, copy.Version);
    }

    [Fact]
    public void ToView_ShowsTheOrderAsClientsSeeIt()
    {
        var state = State(
            Opened(), Line(Id(1), Burger, 1, "no pickles", "medium"), Line(Id(2), Soda),
            new LineVoided(Id(2), "spilled", false), Paid(Tender.Cash, 2000, 100, 917, Id(9)), new OrderClosed(Later));

        var view = state.ToView(new DeviceRef("till-1", "Bar till"));

        Assert.Equal(OrderId, view.OrderId);
        Assert.Equal(new DeviceRef("till-1", "Bar till"), view.OpenedBy);
        Assert.Equal(7, view.Number);
        Assert.Equal(OrderStatus.Closed, view.Status);
        Assert.Equal(6, view.Version);
        Assert.Equal(BusinessDate, view.BusinessDate);
        Assert.Equal("USD", view.Currency);
        Assert.Equal(Later, view.ClosedAt);
        Assert.Equal((1000L, 83L, 1083L, 1083L, 100L, 0L, 917L),
            (view.SubtotalMinor, view.TaxMinor, view.TotalMinor, view.PaidMinor, view.TipMinor, view.BalanceMinor, view.ChangeDueMinor));
        Assert.Equal(2, view.Lines.Count);
        Assert.Equal((1000L, 83L, LineStatus.Pending), (view.Lines[0].NetMinor, view.Lines[0].TaxMinor, view.Lines[0].Status));
        Assert.Equal(["medium"], view.Lines[0].Modifiers);
        Assert.Equal((LineStatus.Voided, "spilled"), (view.Lines[1].Status, view.Lines[1].VoidReason));
        Assert.Equal(Id(9), Assert.Single(view.Payments).PaymentId);
    }
}
