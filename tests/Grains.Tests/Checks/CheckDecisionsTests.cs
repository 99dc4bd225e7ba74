using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Orders;

namespace Pos.Grains.Tests.Checks;

/// <summary>The rules of moving, splitting, merging and carrying over checks, pure: orders in, each order's events out.</summary>
public sealed class CheckDecisionsTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 20, 0, 0, TimeSpan.FromHours(-5));

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static OrderOpened Opened(Guid id, DateOnly? date = null) => new(id, 1, Channel.DineIn, "12", 2, date ?? Day, Now, "USD");

    private static LineAdded Line(int n, long price, int? seat = null) =>
        new(Id(n), "item", "Item", 1, price, 0, "kitchen", null, []) { Seat = seat };

    private static OrderState State(params OrderEvent[] events) => OrderState.From(events);

    private static OrderBook Book(params (Guid Id, OrderState State)[] orders) =>
        new(orders.ToDictionary(o => o.Id, o => o.State), orders.ToDictionary(o => o.Id, _ => (string?)"ana"));

    [Theory]
    [InlineData(713, 3, new long[] { 238, 238, 237 })]
    [InlineData(100, 3, new long[] { 34, 33, 33 })]
    [InlineData(5, 7, new long[] { 1, 1, 1, 1, 1, 0, 0 })]
    [InlineData(1000, 4, new long[] { 250, 250, 250, 250 })]
    public void EvenSplit_GivesEachTheBalanceDividedAndTheFirstPartsTheRemainder_AddingUpToTheCent(long balance, int parts, long[] expected)
    {
        var split = EvenSplit.Of(balance, parts);

        Assert.Equal(expected, split);
        Assert.Equal(balance, split.Sum());
    }

    [Fact]
    public void SplitEvenly_AgainWithTheSameParts_IsDuplicate_AndOnAPaidOrderIsConflict()
    {
        var state = State(Opened(Id(100)), Line(1, 713));
        var first = OrderCheckDecisions.SplitEvenly(state, 3);
        state.Apply(first.Events.Single());

        Assert.True(OrderCheckDecisions.SplitEvenly(state, 3).Duplicate);
        state.Apply(new PaymentAdded(Id(9), Tender.Card, 713, 0, 0, null));
        Assert.Equal(ErrorCodes.Overpayment, OrderCheckDecisions.SplitEvenly(state, 2).Error!.Code);
    }

    [Fact]
    public void SplitBySeat_MakesOneOrderPerSeat_TheUnseatedLinesStay_AndAgainIsDuplicate()
    {
        var parent = Id(100);
        var state = State(Opened(parent), Line(1, 100, seat: 1), Line(2, 200, seat: 2), Line(3, 300, seat: 1), Line(4, 400));
        var seat1 = CheckCommandRules.DerivedId(parent, "seat-1");
        var seat2 = CheckCommandRules.DerivedId(parent, "seat-2");
        var n = 0;

        var decision = CheckDecisions.Split(Book((parent, state), (seat1, new()), (seat2, new())), parent, new SplitOrder(true, []), Now, _ => ++n);

        Assert.Null(decision.Error);
        Assert.Equal([parent, seat1, seat2], decision.Orders);
        var parts = decision.Parts.ToDictionary(p => p.OrderId);
        var after = state.Clone();
        foreach (var e in parts[parent].Events)
        {
            after.Apply(e);
        }
        Assert.Equal([Id(4)], after.Lines.Select(l => l.Added.LineId));
        var child1 = State([.. parts[seat1].Events]);
        Assert.Equal([Id(1), Id(3)], child1.Lines.Select(l => l.Added.LineId));
        Assert.Equal(parent, child1.Opened!.SplitFrom);
        Assert.Equal("ana", child1.ServerId);
        Assert.Equal(Day, parts[seat1].BusinessDate);
        // Money: the family's total is the parent's before the split.
        Assert.Equal(state.TotalMinor, after.TotalMinor + child1.TotalMinor + State([.. parts[seat2].Events]).TotalMinor);
        // Again: every seat is on its order already.
        var again = CheckDecisions.Split(Book((parent, after), (seat1, child1), (seat2, State([.. parts[seat2].Events]))), parent, new SplitOrder(true, []), Now, _ => 0);
        Assert.True(again.Duplicate);
    }

    [Fact]
    public void MoveLines_KeepsTheFiredStatus_AndRefusesWhatPaymentsCover()
    {
        var (from, to) = (Id(100), Id(200));
        var source = State(Opened(from), Line(1, 500), Line(2, 300), new OrderFired([Id(1)], Now));
        var target = State(Opened(to));

        var moved = CheckDecisions.MoveLines(Book((from, source), (to, target)), from, new MoveLines(to, [Id(1)]));

        var arrived = Assert.IsType<LinesMovedIn>(moved.Parts[1].Events.Single());
        Assert.Equal(LineStatus.Fired, arrived.Lines.Single().Status);
        source.Apply(new PaymentAdded(Id(9), Tender.Card, 400, 0, 0, null));
        var covered = CheckDecisions.MoveLines(Book((from, source), (to, target)), from, new MoveLines(to, [Id(1)]));
        Assert.Equal(ErrorCodes.LinePaid, covered.Error!.Code);
        Assert.True(covered.IsConflict);
    }

    [Fact]
    public void Merge_TakesTheLinesAndPayments_AndClosesTheOther_VoidedLinesStay()
    {
        var (into, from) = (Id(100), Id(200));
        var other = State(Opened(from), Line(1, 500), Line(2, 300), new LineVoided(Id(2), "spilled", false),
            new PaymentAdded(Id(9), Tender.Cash, 200, 0, 0, null));

        var merged = CheckDecisions.Merge(Book((into, State(Opened(into))), (from, other)), into, new MergeOrder(from), Now);

        var intoState = State([Opened(into), .. merged.Parts[0].Events]);
        foreach (var e in merged.Parts[1].Events)
        {
            other.Apply(e);
        }
        Assert.Equal(500, intoState.TotalMinor);
        Assert.Equal(200, intoState.PaidMinor);
        Assert.True(other.IsClosed);
        Assert.Equal(into, other.Closing!.MergedInto);
        Assert.Equal(0, other.PaidMinor);
        Assert.Equal(0, other.TotalMinor);
        Assert.Equal(LineStatus.Voided, other.Lines.Single().Status);
        Assert.NotNull(other.FindPayment(Id(9))); // a retried payment is still recognised
    }

    [Fact]
    public void CarryOver_OnlyAnOrderOfAnEarlierDate_TheNewOneOpensTodayWithTheMoney()
    {
        var (old, fresh) = (Id(100), Id(300));
        var tab = State(Opened(old), Line(1, 500), new PaymentAdded(Id(9), Tender.Cash, 100, 0, 0, null));

        var notOver = CheckDecisions.CarryOver(Book((old, tab), (fresh, new())), old, new CarryOver(fresh), Day, Now, 7);
        var carried = CheckDecisions.CarryOver(Book((old, tab), (fresh, new())), old, new CarryOver(fresh), Day.AddDays(1), Now, 7);

        Assert.Equal(ErrorCodes.BusinessDayNotOver, notOver.Error!.Code);
        var newOrder = State([.. carried.Parts[1].Events]);
        Assert.Equal(Day.AddDays(1), newOrder.Opened!.BusinessDate);
        Assert.Equal(Day.AddDays(1), carried.Parts[1].BusinessDate);
        Assert.Equal(Day, carried.Parts[0].BusinessDate);
        Assert.Equal((500, 100), (newOrder.TotalMinor, newOrder.PaidMinor));
        foreach (var e in carried.Parts[0].Events)
        {
            tab.Apply(e);
        }
        Assert.Equal((0L, 0L, fresh), (tab.TotalMinor, tab.PaidMinor, tab.Closing!.CarriedOverTo!.Value));
        Assert.True(CheckDecisions.CarryOver(Book((old, tab), (fresh, newOrder)), old, new CarryOver(fresh), Day.AddDays(1), Now, 0).Duplicate);
    }

    [Fact]
    public void VoidLine_OfAMovedLine_IsConflict_AndAnAddOfItAgainIsDuplicate()
    {
        var state = State(Opened(Id(100)), Line(1, 500), new LinesMovedOut(Id(200), [Id(1)], [], CheckMove.Move));

        DecisionAssertions.Conflict(OrderDecisions.VoidLine(state, new VoidLine(Id(1), "spilled")), ErrorCodes.LineMoved);
        Assert.True(OrderDecisions.AddLine(state, new AddLine(Id(1), "item", 1, null, []), null).Duplicate);
    }

    private static class DecisionAssertions
    {
        public static void Conflict(Decision decision, string code)
        {
            Assert.Equal(code, decision.Error?.Code);
            Assert.True(decision.IsConflict);
        }
    }
}
