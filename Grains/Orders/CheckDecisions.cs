using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Orders;

/// <summary>One order's share of a command across orders: its events, on the version they were decided on.</summary>
public sealed record OrderPart(Guid OrderId, int ExpectedVersion, DateOnly BusinessDate, IReadOnlyList<OrderEvent> Events);

/// <summary>
/// What a command across orders does: each touched order's events (the addressed order's first), a refusal, or
/// nothing because it already happened. <see cref="Orders"/> are the orders the command answers with.
/// </summary>
public sealed record CheckDecision(IReadOnlyList<OrderPart> Parts, IReadOnlyList<Guid> Orders, CommandError? Error, bool IsConflict, bool Duplicate)
{
    public static CheckDecision Apply(IReadOnlyList<OrderPart> parts, IReadOnlyList<Guid> orders) => new(parts, orders, null, false, false);
    public static CheckDecision Done(IReadOnlyList<Guid> orders) => new([], orders, null, false, true);
    public static CheckDecision Refuse(string code, string detail, string? field = null) => new([], [], new CommandError(code, detail, field), false, false);
    public static CheckDecision Conflict(string code, string detail, string? field = null) => new([], [], new CommandError(code, detail, field), true, false);
}

/// <summary>
/// The orders a command across orders reads, each as its journal stream stands (<see cref="OrderState.Version"/> is
/// the version the append expects), with the owner of each (who opened it, or took it over).
/// </summary>
public sealed record OrderBook(IReadOnlyDictionary<Guid, OrderState> States, IReadOnlyDictionary<Guid, string?> Owners)
{
    public OrderState Of(Guid id) => States.TryGetValue(id, out var s) ? s : new OrderState();

    public string? OwnerOf(Guid id) => Owners.GetValueOrDefault(id);
}

/// <summary>
/// The rules of moving, splitting, merging and carrying over checks, pure: every order read first, then decided as a
/// whole. The money rules: a line moves with its status (a fired line stays fired, no ticket prints again); voided
/// lines stay where they were voided; lines leave an order only while what stays there still covers its payments
/// (else <see cref="ErrorCodes.LinePaid"/>); a merge and a carry-over take the payments with the lines, so money in
/// equals money out across the family (parent and children, merged and carried over orders).
/// </summary>
public static class CheckDecisions
{
    public static CheckDecision MoveLines(OrderBook book, Guid fromId, MoveLines c)
    {
        var from = book.Of(fromId);
        var to = book.Of(c.ToOrderId);
        if (!from.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");
        }
        if (!to.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, $"No order {c.ToOrderId} to move the lines to; open it first.", "toOrderId");
        }
        if (c.LineIds.All(id => from.MovedLineTo(id) == c.ToOrderId))
        {
            return CheckDecision.Done([fromId, c.ToOrderId]);
        }
        if (MovableLines(from, c.LineIds, "lineIds") is { Error: not null } refused)
        {
            return refused.Decision!;
        }
        return Move(book, fromId, c.ToOrderId, c.LineIds, CheckMove.Move, [fromId, c.ToOrderId]);
    }

    public static CheckDecision Merge(OrderBook book, Guid intoId, MergeOrder c, DateTimeOffset now)
    {
        var into = book.Of(intoId);
        var from = book.Of(c.FromOrderId);
        if (!into.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");
        }
        if (!from.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, $"No order {c.FromOrderId} to merge.", "fromOrderId");
        }
        if (from.Closing?.MergedInto == intoId)
        {
            return CheckDecision.Done([intoId]);
        }
        if (from.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, $"Order {c.FromOrderId} is closed; it cannot be merged.", "fromOrderId");
        }
        if (into.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, "The order is closed; nothing can be merged into it.");
        }
        var lines = from.Lines.Where(l => l.Status != LineStatus.Voided).ToList();
        if (Fits(into, lines, from.Payments.Count) is { } full)
        {
            return full;
        }
        var payments = from.Payments.Select(p => p.PaymentId).ToList();
        var fromEvents = new List<OrderEvent>();
        if (lines.Count > 0 || payments.Count > 0)
        {
            fromEvents.Add(new LinesMovedOut(intoId, [.. lines.Select(l => l.Added.LineId)], payments, CheckMove.Merge));
        }
        fromEvents.Add(new OrderClosed(now) { MergedInto = intoId });
        var intoEvents = new List<OrderEvent>
        {
            new LinesMovedIn(c.FromOrderId, [.. lines.Select(l => new MovedLine(l.Added, l.Status))], [.. from.Payments], CheckMove.Merge),
        };
        return CheckDecision.Apply(
            [Part(intoId, into, intoEvents), Part(c.FromOrderId, from, fromEvents)], [intoId]);
    }

    /// <summary>
    /// A split by lines or by seat. The new orders open on the parent's business date (they are its parts; the date
    /// cannot close until they do), with its channel, table and owner, numbered like any order of that date.
    /// <paramref name="numbers"/> gives a new order its number.
    /// </summary>
    public static CheckDecision Split(OrderBook book, Guid parentId, SplitOrder c, DateTimeOffset now, Func<Guid, int> numbers)
    {
        var parent = book.Of(parentId);
        if (!parent.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");
        }
        var groups = c.BySeat ? SeatGroups(parent, parentId) : c.Groups;
        var answer = new List<Guid> { parentId };
        answer.AddRange(groups.Select(g => g.OrderId));
        if (c.BySeat && groups.Count == 0)
        {
            // Every seat went to its order already (a retry), or no line has a seat.
            var seatOrders = parent.MovedLines.Values.Distinct().Where(id => book.Of(id).Opened?.SplitFrom == parentId).ToList();
            return seatOrders.Count > 0
                ? CheckDecision.Done([parentId, .. seatOrders])
                : CheckDecision.Refuse(ErrorCodes.ValidationFailed, "No line of this order has a seat; add lines with seats, or split by lines.", "mode");
        }
        if (groups.All(g => g.LineIds.All(id => parent.MovedLineTo(id) == g.OrderId)))
        {
            return CheckDecision.Done(answer);
        }
        if (parent.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, "The order is closed; it cannot be split.");
        }
        if (MovableLines(parent, [.. groups.SelectMany(g => g.LineIds)], "groups") is { Error: not null } refused)
        {
            return refused.Decision!;
        }
        var moving = groups.SelectMany(g => g.LineIds).ToHashSet();
        if (Uncovered(parent, moving) is { } paid)
        {
            return paid;
        }
        var parentEvents = new List<OrderEvent>();
        var parts = new List<OrderPart>();
        var owner = book.OwnerOf(parentId);
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var child = book.Of(g.OrderId);
            var lines = g.LineIds.Select(id => parent.FindLine(id)!).ToList();
            var childEvents = new List<OrderEvent>();
            if (child.Exists)
            {
                // A child of an earlier split (a seat split again) takes more lines while it is open.
                if (child.Opened!.SplitFrom != parentId)
                {
                    return CheckDecision.Conflict(ErrorCodes.OrderExists, $"Order {g.OrderId} already exists; choose a new orderId for the group.", $"groups[{i}].orderId");
                }
                if (child.IsClosed)
                {
                    return CheckDecision.Conflict(ErrorCodes.OrderClosed, $"Order {g.OrderId}, split from this one before, is closed.", $"groups[{i}].orderId");
                }
                if (Fits(child, lines, 0) is { } full)
                {
                    return full;
                }
            }
            else
            {
                var p = parent.Opened!;
                childEvents.Add(new OrderOpened(g.OrderId, numbers(g.OrderId), p.Channel, parent.Table, null, p.BusinessDate, now, p.Currency)
                {
                    SplitFrom = parentId,
                });
                if (owner is not null)
                {
                    childEvents.Add(new OrderTransferred(null, owner));
                }
            }
            childEvents.Add(new LinesMovedIn(parentId, [.. lines.Select(l => new MovedLine(l.Added, l.Status))], [], CheckMove.Split));
            parentEvents.Add(new LinesMovedOut(g.OrderId, g.LineIds, [], CheckMove.Split));
            parts.Add(Part(g.OrderId, child, childEvents, parent.Opened!.BusinessDate));
        }
        return CheckDecision.Apply([Part(parentId, parent, parentEvents), .. parts], answer);
    }

    /// <summary>
    /// Carries an open order of a date that is over to <paramref name="today"/>: the old order closes carried over
    /// with nothing in it (its date closes out with no sales from it), the new one opens today with its lines (as they
    /// stood) and its payments, so today owns the order and its money. Voided lines stay on the old date's order.
    /// </summary>
    public static CheckDecision CarryOver(OrderBook book, Guid oldId, CarryOver c, DateOnly today, DateTimeOffset now, int number)
    {
        var old = book.Of(oldId);
        if (!old.Exists)
        {
            return CheckDecision.Refuse(ErrorCodes.OrderNotFound, "No order with this id.");
        }
        if (old.Closing?.CarriedOverTo == c.NewOrderId)
        {
            return CheckDecision.Done([oldId, c.NewOrderId]);
        }
        if (old.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, "The order is closed; only an open order is carried over.");
        }
        var opened = old.Opened!;
        if (opened.BusinessDate >= today)
        {
            return CheckDecision.Conflict(ErrorCodes.BusinessDayNotOver,
                $"The order belongs to {opened.BusinessDate:yyyy-MM-dd}, which is not over; only an order of an earlier business date is carried over.");
        }
        var fresh = book.Of(c.NewOrderId);
        if (fresh.Exists)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderExists, $"Order {c.NewOrderId} already exists; choose a new newOrderId.", "newOrderId");
        }
        var lines = old.Lines.Where(l => l.Status != LineStatus.Voided).ToList();
        var oldEvents = new List<OrderEvent>();
        if (lines.Count > 0 || old.Payments.Count > 0)
        {
            oldEvents.Add(new LinesMovedOut(c.NewOrderId, [.. lines.Select(l => l.Added.LineId)], [.. old.Payments.Select(p => p.PaymentId)], CheckMove.CarryOver));
        }
        oldEvents.Add(new OrderClosed(now) { CarriedOverTo = c.NewOrderId });
        var newEvents = new List<OrderEvent>
        {
            new OrderOpened(c.NewOrderId, number, opened.Channel, old.Table, opened.Guests, today, now, opened.Currency) { CarriedFrom = oldId },
        };
        if (book.OwnerOf(oldId) is { } owner)
        {
            newEvents.Add(new OrderTransferred(null, owner));
        }
        newEvents.Add(new LinesMovedIn(oldId, [.. lines.Select(l => new MovedLine(l.Added, l.Status))], [.. old.Payments], CheckMove.CarryOver));
        return CheckDecision.Apply([Part(oldId, old, oldEvents), Part(c.NewOrderId, fresh, newEvents, today)], [oldId, c.NewOrderId]);
    }

    private static IReadOnlyList<SplitGroup> SeatGroups(OrderState parent, Guid parentId) =>
        [.. parent.Lines.Where(l => l.Added.Seat is not null && l.Status != LineStatus.Voided)
            .GroupBy(l => l.Added.Seat!.Value).OrderBy(g => g.Key)
            .Select(g => new SplitGroup(CheckCommandRules.DerivedId(parentId, $"seat-{g.Key}"), [.. g.Select(l => l.Added.LineId)]))];

    private static CheckDecision Move(OrderBook book, Guid fromId, Guid toId, IReadOnlyList<Guid> ids, CheckMove kind, IReadOnlyList<Guid> answer)
    {
        var from = book.Of(fromId);
        var to = book.Of(toId);
        if (from.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, "The order is closed; its lines stay on it.");
        }
        if (to.IsClosed)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderClosed, $"Order {toId} is closed; lines cannot be moved to it.", "toOrderId");
        }
        var lines = ids.Select(id => from.FindLine(id)!).ToList();
        if ((Uncovered(from, ids.ToHashSet()) ?? Fits(to, lines, 0)) is { } refused)
        {
            return refused;
        }
        return CheckDecision.Apply(
        [
            Part(fromId, from, [new LinesMovedOut(toId, ids, [], kind)]),
            Part(toId, to, [new LinesMovedIn(fromId, [.. lines.Select(l => new MovedLine(l.Added, l.Status))], [], kind)]),
        ], answer);
    }

    /// <summary>Every line named is on the order and not voided; one that moved elsewhere or was voided is a conflict.</summary>
    private static (CommandError? Error, CheckDecision? Decision) MovableLines(OrderState from, IReadOnlyList<Guid> ids, string field)
    {
        foreach (var id in ids)
        {
            if (from.MovedLineTo(id) is { } elsewhere)
            {
                var d = CheckDecision.Conflict(ErrorCodes.LineMoved, $"Line {id} is on order {elsewhere} now; move it from there.", field);
                return (d.Error, d);
            }
            if (from.FindLine(id) is not { } line)
            {
                var d = CheckDecision.Refuse(ErrorCodes.LineNotFound, $"Line {id} is not on this order.", field);
                return (d.Error, d);
            }
            if (line.Status == LineStatus.Voided)
            {
                var d = CheckDecision.Conflict(ErrorCodes.LineVoided, $"Line {id} is voided; a voided line stays on its order.", field);
                return (d.Error, d);
            }
        }
        return (null, null);
    }

    /// <summary>
    /// Lines leave an order only while what stays still covers what was paid on it: the order as it would be without
    /// them (its discounts taken as the fold takes them) must not total less than its payments.
    /// </summary>
    private static CheckDecision? Uncovered(OrderState from, HashSet<Guid> leaving)
    {
        if (from.PaidMinor == 0)
        {
            return null;
        }
        var after = from.Clone();
        after.Apply(new LinesMovedOut(Guid.Empty, [.. from.Lines.Where(l => leaving.Contains(l.Added.LineId)).Select(l => l.Added.LineId)], [], CheckMove.Move));
        return after.BalanceMinor < 0
            ? CheckDecision.Conflict(ErrorCodes.LinePaid,
                $"{from.PaidMinor} is paid on this order and what would stay comes to {after.TotalMinor}: payments would cover lines that left. " +
                "Move fewer lines, or merge the whole order (its payments go with it).")
            : null;
    }

    private static CheckDecision? Fits(OrderState to, IReadOnlyList<OrderState.Line> lines, int payments)
    {
        if (to.Lines.Count + lines.Count > OrderLimits.MaxLines || to.Payments.Count + payments > OrderLimits.MaxPayments)
        {
            return CheckDecision.Conflict(ErrorCodes.OrderFull, $"The order would hold more than {OrderLimits.MaxLines} lines or {OrderLimits.MaxPayments} payments.");
        }
        var rungUp = checked(to.RungUpMinor + lines.Sum(l => checked(l.NetMinor + l.TaxMinor)));
        return rungUp > MoneyLimits.MaxOrderTotalMinor
            ? CheckDecision.Conflict(ErrorCodes.OrderTotalTooLarge, $"The order would ring up {rungUp}, past the most an order may hold ({MoneyLimits.MaxOrderTotalMinor}).")
            : null;
    }

    private static OrderPart Part(Guid id, OrderState state, IReadOnlyList<OrderEvent> events, DateOnly? date = null) =>
        new(id, state.Version, date ?? state.Opened!.BusinessDate, events);
}
