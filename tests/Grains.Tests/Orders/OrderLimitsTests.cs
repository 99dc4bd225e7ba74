using Pos.Grains.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Menu;
using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Tests.Orders;

/// <summary>How much an order and a business day may hold: the bounds that keep a day's report inside 64 bits.</summary>
public sealed class OrderLimitsTests
{
    private static readonly MenuItem Yacht = new("yacht", "Yacht", MoneyLimits.MaxPriceMinor, 0, "bar");

    [Fact]
    public void Open_IsAConflict_OnceTheBusinessDayHasHadItsMostOrders()
    {
        var command = new OpenOrder(OrderId, Channel.DineIn, "12", 2);

        DecisionAssert.Single<OrderOpened>(OrderDecisions.Open(new OrderState(), command, OrderLimits.MaxOrdersPerBusinessDay, BusinessDate, OpenedAt, "USD"));
        DecisionAssert.Conflict(OrderDecisions.Open(new OrderState(), command, OrderLimits.MaxOrdersPerBusinessDay + 1, BusinessDate, OpenedAt, "USD"),
            ErrorCodes.BusinessDayFull);
    }

    [Fact]
    public void AddLine_IsAConflict_OnceTheOrderHoldsItsMostLines_VoidedOnesIncluded()
    {
        var events = new List<OrderEvent> { Opened() };
        for (var i = 1; i <= OrderLimits.MaxLines; i++)
        {
            events.Add(Line(Id(i)));
            events.Add(new LineVoided(Id(i), "mistake", false));
        }

        DecisionAssert.Conflict(OrderDecisions.AddLine(State([.. events]), new AddLine(Id(9_999), "burger", 1, null, null), Burger), ErrorCodes.OrderFull);
    }

    [Fact]
    public void AddLine_CountsVoidedLines_InWhatAnOrderRingsUp()
    {
        // 999 yachts rung up and voided, then 1 more: the order's total is 1e9 but it rang up 1e12.
        var filled = State(Opened(), Line(Id(1), Yacht, 999), new LineVoided(Id(1), "mistake", false), Line(Id(2), Yacht, 1));
        Assert.Equal(MoneyLimits.MaxPriceMinor, filled.TotalMinor);
        Assert.Equal(MoneyLimits.MaxOrderTotalMinor, filled.RungUpMinor);

        DecisionAssert.Conflict(OrderDecisions.AddLine(filled, new AddLine(Id(3), "soda", 1, null, null), Soda), ErrorCodes.OrderTotalTooLarge, "quantity");
    }

    [Fact]
    public void AddPayment_IsAConflict_OnceTheOrderHoldsItsMostPayments_OrItsTipsWouldPassTheLimit()
    {
        var events = new List<OrderEvent> { Opened(), Line(Id(1), Yacht, 1) };
        for (var i = 0; i < OrderLimits.MaxPayments; i++)
        {
            events.Add(Paid(Tender.Card, 1, tipMinor: 0, paymentId: Id(100 + i)));
        }
        DecisionAssert.Conflict(OrderDecisions.AddPayment(State([.. events]), new AddPayment(Id(999), Tender.Card, 1, 0, null)), ErrorCodes.OrderFull);

        var tipped = State(Opened(), Line(Id(1), Yacht, 1), Paid(Tender.Card, 1, tipMinor: MoneyLimits.MaxOrderTotalMinor, paymentId: Id(2)));
        DecisionAssert.Conflict(OrderDecisions.AddPayment(tipped, new AddPayment(Id(3), Tender.Card, 1, 1, null)), ErrorCodes.OrderTotalTooLarge, "tipMinor");
        DecisionAssert.Single<PaymentAdded>(OrderDecisions.AddPayment(tipped, new AddPayment(Id(4), Tender.Card, 1, 0, null)));
    }
}
