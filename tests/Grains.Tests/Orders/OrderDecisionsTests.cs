using Pos.Grains.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Tests.Orders;

/// <summary>Opening an order, adding and voiding lines, firing: each rule against the order as it stands.</summary>
public sealed class OrderDecisionsTests
{
    private static readonly OpenOrder SameAsOpened = new(OrderId, Channel.DineIn, "12", 2);

    [Fact]
    public void Open_RecordsOrderOpened_WhenOrderIsNew()
    {
        var decision = OrderDecisions.Open(new OrderState(), SameAsOpened, 7, BusinessDate, OpenedAt, "USD");

        Assert.Equal(Opened(), DecisionAssert.Single<OrderOpened>(decision));
    }

    [Fact]
    public void Open_IsDuplicate_WhenOpenedAgainWithSameDetails()
    {
        var decision = OrderDecisions.Open(State(Opened()), SameAsOpened, 8, BusinessDate, Later, "USD");

        DecisionAssert.Duplicate(decision);
    }

    [Theory]
    [InlineData(Channel.Takeout, "12", 2)]
    [InlineData(Channel.DineIn, "13", 2)]
    [InlineData(Channel.DineIn, null, 2)]
    [InlineData(Channel.DineIn, "12", 3)]
    [InlineData(Channel.DineIn, "12", null)]
    public void Open_IsRefusedOrderExists_WhenOpenedAgainWithOtherDetails(Channel channel, string? table, int? guests)
    {
        var decision = OrderDecisions.Open(State(Opened()), new OpenOrder(OrderId, channel, table, guests), 8, BusinessDate, Later, "USD");

        DecisionAssert.Conflict(decision, ErrorCodes.OrderExists, "orderId");
    }

    [Fact]
    public void AddLine_RecordsLineAdded_WithTheMenuItemsNamePriceTaxAndStation()
    {
        var command = new AddLine(Id(1), "burger", 2, "no pickles", ["medium", "extra cheese"]);

        var added = DecisionAssert.Single<LineAdded>(OrderDecisions.AddLine(State(Opened()), command, Burger));

        Assert.Equal(Id(1), added.LineId);
        Assert.Equal("burger", added.MenuItemId);
        Assert.Equal("Burger", added.Name);
        Assert.Equal(2, added.Quantity);
        Assert.Equal(1000, added.UnitPriceMinor);
        Assert.Equal(825, added.TaxRateBp);
        Assert.Equal("kitchen", added.Station);
        Assert.Equal("no pickles", added.Note);
        Assert.Equal(["medium", "extra cheese"], added.Modifiers);
    }

    [Fact]
    public void AddLine_RecordsNoModifiers_WhenCommandHasNone()
    {
        var added = DecisionAssert.Single<LineAdded>(OrderDecisions.AddLine(State(Opened()), new AddLine(Id(1), "soda", 1, null, null), Soda));

        Assert.Empty(added.Modifiers);
    }

    [Fact]
    public void AddLine_IsRefusedOrderNotFound_WhenOrderWasNeverOpened()
    {
        var decision = OrderDecisions.AddLine(new OrderState(), new AddLine(Id(1), "burger", 1, null, null), Burger);

        DecisionAssert.Refused(decision, ErrorCodes.OrderNotFound);
    }

    [Fact]
    public void AddLine_IsRefusedOrderClosed_WhenOrderIsClosed()
    {
        var closed = State(Opened(), new OrderClosed(Later));

        var decision = OrderDecisions.AddLine(closed, new AddLine(Id(1), "burger", 1, null, null), Burger);

        DecisionAssert.Conflict(decision, ErrorCodes.OrderClosed);
    }

    [Fact]
    public void AddLine_IsRefusedUnknownMenuItem_WhenItemIsNotOnTheMenu()
    {
        var decision = OrderDecisions.AddLine(State(Opened()), new AddLine(Id(1), "lobster", 1, null, null), item: null);

        DecisionAssert.Refused(decision, ErrorCodes.UnknownMenuItem, "menuItemId");
    }

    [Fact]
    public void AddLine_IsDuplicate_WhenSameLineIdComesWithSameDetails()
    {
        var state = State(Opened(), Line(Id(1), Burger, 2, "no pickles", "medium"));

        var decision = OrderDecisions.AddLine(state, new AddLine(Id(1), "burger", 2, "no pickles", ["medium"]), Burger);

        DecisionAssert.Duplicate(decision);
    }

    [Fact]
    public void AddLine_IsDuplicate_WhenRetriedWithoutModifiers_AfterLineWasAddedWithout()
    {
        var decision = OrderDecisions.AddLine(WithOneBurger(Id(1)), new AddLine(Id(1), "burger", 1, null, null), Burger);

        DecisionAssert.Duplicate(decision);
    }

    [Fact]
    public void AddLine_IsDuplicate_WhenRetriedAfterItemLeftTheMenu()
    {
        var decision = OrderDecisions.AddLine(WithOneBurger(Id(1)), new AddLine(Id(1), "burger", 1, null, null), item: null);

        DecisionAssert.Duplicate(decision);
    }

    [Theory]
    [InlineData("fries", 1, null, new string[0])]
    [InlineData("burger", 2, null, new string[0])]
    [InlineData("burger", 1, "no pickles", new string[0])]
    [InlineData("burger", 1, null, new[] { "medium" })]
    public void AddLine_IsRefusedLineExists_WhenSameLineIdComesWithOtherDetails(string menuItemId, int quantity, string? note, string[] modifiers)
    {
        var decision = OrderDecisions.AddLine(WithOneBurger(Id(1)), new AddLine(Id(1), menuItemId, quantity, note, modifiers), Fries);

        DecisionAssert.Conflict(decision, ErrorCodes.LineExists, "lineId");
    }

    [Fact]
    public void AddLine_IsDuplicate_WhenSameLineIsRetriedAfterOrderClosed()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, 1083), new OrderClosed(Later));

        var decision = OrderDecisions.AddLine(state, new AddLine(Id(1), "burger", 1, null, null), Burger);

        DecisionAssert.Duplicate(decision);
    }

    [Fact]
    public void VoidLine_IsRefusedLineNotFound_WhenLineIsNotOnTheOrder()
    {
        var decision = OrderDecisions.VoidLine(WithOneBurger(Id(1)), new VoidLine(Id(2), "wrong table"));

        DecisionAssert.Refused(decision, ErrorCodes.LineNotFound, "lineId");
    }

    [Fact]
    public void VoidLine_IsRefusedOrderNotFound_WhenOrderWasNeverOpened()
    {
        DecisionAssert.Refused(OrderDecisions.VoidLine(new OrderState(), new VoidLine(Id(1), "wrong table")), ErrorCodes.OrderNotFound);
    }

    [Fact]
    public void VoidLine_RecordsWasFiredFalse_AndTrimmedReason_WhenLineIsPending()
    {
        var voided = DecisionAssert.Single<LineVoided>(OrderDecisions.VoidLine(WithOneBurger(Id(1)), new VoidLine(Id(1), "  guest changed mind ")));

        Assert.Equal(new LineVoided(Id(1), "guest changed mind", WasFired: false), voided);
    }

    [Fact]
    public void VoidLine_RecordsWasFiredTrue_WhenLineWasFired()
    {
        var state = State(Opened(), Line(Id(1)), new OrderFired([Id(1)], Later));

        var voided = DecisionAssert.Single<LineVoided>(OrderDecisions.VoidLine(state, new VoidLine(Id(1), "burnt", MayVoidFired: true)));

        Assert.Equal(new LineVoided(Id(1), "burnt", WasFired: true), voided);
    }

    [Fact]
    public void VoidLine_IsRefusedPermissionDenied_WhenLineWasFired_AndTheSenderMayNotVoidFiredLines()
    {
        var state = State(Opened(), Line(Id(1)), new OrderFired([Id(1)], Later));

        var decision = OrderDecisions.VoidLine(state, new VoidLine(Id(1), "burnt"));

        DecisionAssert.Refused(decision, ErrorCodes.PermissionDenied, Pos.Contracts.Permissions.PermissionNames.LinesVoidFired);
    }

    [Fact]
    public void VoidLine_IsDuplicate_WhenLineIsAlreadyVoided()
    {
        var state = State(Opened(), Line(Id(1)), new LineVoided(Id(1), "burnt", false));

        DecisionAssert.Duplicate(OrderDecisions.VoidLine(state, new VoidLine(Id(1), "burnt")));
    }

    [Fact]
    public void VoidLine_IsRefusedOrderClosed_WhenOrderIsClosed()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, 1083), new OrderClosed(Later));

        DecisionAssert.Conflict(OrderDecisions.VoidLine(state, new VoidLine(Id(1), "burnt")), ErrorCodes.OrderClosed);
    }

    [Fact]
    public void Fire_ChangesNothing_WhenOrderHasNoLines()
    {
        DecisionAssert.Nothing(OrderDecisions.Fire(State(Opened()), Later));
    }

    [Fact]
    public void Fire_ChangesNothing_WhenNoLineIsPending()
    {
        var state = State(Opened(), Line(Id(1)), Line(Id(2)), new OrderFired([Id(1)], Later), new LineVoided(Id(2), "burnt", false));

        DecisionAssert.Nothing(OrderDecisions.Fire(state, Later.AddMinutes(5)));
    }

    [Fact]
    public void Fire_MarksOnlyPendingLines_InOrderAdded()
    {
        var state = State(
            Opened(), Line(Id(1)), Line(Id(2)), new OrderFired([Id(1), Id(2)], OpenedAt.AddMinutes(5)),
            Line(Id(3)), Line(Id(4)), Line(Id(5)), new LineVoided(Id(4), "wrong item", false));

        var fired = DecisionAssert.Single<OrderFired>(OrderDecisions.Fire(state, Later));

        Assert.Equal([Id(3), Id(5)], fired.LineIds);
        Assert.Equal(Later, fired.FiredAt);
    }

    [Fact]
    public void Fire_IsRefusedOrderClosed_WhenOrderIsClosed()
    {
        DecisionAssert.Conflict(OrderDecisions.Fire(State(Opened(), new OrderClosed(Later)), Later), ErrorCodes.OrderClosed);
    }

    [Fact]
    public void Fire_IsRefusedOrderNotFound_WhenOrderWasNeverOpened()
    {
        DecisionAssert.Refused(OrderDecisions.Fire(new OrderState(), Later), ErrorCodes.OrderNotFound);
    }
}
