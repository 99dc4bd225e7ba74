using Pos.Contracts.Menu;
using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;


namespace Pos.Grains.Orders;

/// <summary>
/// What a command does to an order: new events, a refusal, or nothing because it already happened.
/// A refusal is a <see cref="IsConflict">conflict</see> when it comes from what the order has become (closed, paid,
/// an id already used with other details), so the device is shown the order; otherwise the command itself is wrong.
/// </summary>
public sealed record Decision(IReadOnlyList<OrderEvent> Events, CommandError? Error, bool Duplicate)
{
    public bool IsConflict { get; private init; }

    public static Decision Apply(params OrderEvent[] events) => new(events, null, false);
    public static Decision Refuse(string code, string detail, string? field = null) => new([], new CommandError(code, detail, field), false);
    public static Decision Conflict(string code, string detail, string? field = null) =>
        new([], new CommandError(code, detail, field), false) { IsConflict = true };
    public static Decision AlreadyDone { get; } = new([], null, true);
    public static Decision Nothing { get; } = new([], null, false);
}

/// <summary>The rules of an order: each command checked against the order as it stands.</summary>
public static class OrderDecisions
{
    public static Decision Open(OrderState state, OpenOrder c, int number, DateOnly businessDate, DateTimeOffset now, string currency)
    {
        if (state.Opened is { } opened)
        {
            var same = opened.Channel == c.Channel && opened.Table == c.Table && opened.Guests == c.Guests;
            return same
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.OrderExists, $"Order {c.OrderId} already exists with other details; choose a new orderId.", "orderId");
        }
        if (number > OrderLimits.MaxOrdersPerBusinessDay)
        {
            return Decision.Conflict(ErrorCodes.BusinessDayFull,
                $"Business date {businessDate:yyyy-MM-dd} has had {OrderLimits.MaxOrdersPerBusinessDay} orders, the most a day may hold.");
        }
        return Decision.Apply(new OrderOpened(c.OrderId, number, c.Channel, c.Table, c.Guests, businessDate, now, currency));
    }

    /// <summary>
    /// A line, with its options checked and priced against <paramref name="item"/> as the menu stands, refused when
    /// <paramref name="availability"/> says the item is sold out or fewer are left; a counted item's line is marked
    /// <see cref="LineAdded.Counted"/> (the grain takes its quantity from the count in the same transaction).
    /// </summary>
    public static Decision AddLine(OrderState state, AddLine c, MenuItem? item, Menu.ItemAvailability? availability = null)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        // A retry of a line that landed is answered as a duplicate, even once the order has closed.
        var modifiers = c.Modifiers ?? [];
        if (state.MovedLineTo(c.LineId) is not null)
        {
            return Decision.AlreadyDone; // it landed, and moved on to another order since (CheckDecisions)
        }
        if (state.FindLine(c.LineId) is { } existing)
        {
            var same = existing.Added.MenuItemId == c.MenuItemId && existing.Added.Quantity == c.Quantity
                && existing.Added.Note == c.Note && existing.Added.Modifiers.SequenceEqual(modifiers)
                && existing.Added.Seat == c.Seat && existing.Added.Course == c.Course && existing.Added.Held == c.Hold
                && LineOptions.Same(existing.Added.Options ?? [], c.Options);
            return same
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.LineExists, $"Line {c.LineId} is already on the order with other details; choose a new lineId.", "lineId");
        }
        if (state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; open a new order.");
        }
        if (item is null)
        {
            return Decision.Refuse(ErrorCodes.UnknownMenuItem, $"'{c.MenuItemId}' is not on the menu.", "menuItemId");
        }
        var (options, invalidOptions) = LineOptions.Choose(item, c.Options);
        if (invalidOptions is not null)
        {
            return new Decision([], invalidOptions, false);
        }
        if (availability is { IsOut: true })
        {
            return Decision.Conflict(ErrorCodes.ItemSoldOut, $"'{item.Name}' is sold out (86); choose something else.", "menuItemId");
        }
        if (availability?.Remaining is { } left && left < c.Quantity)
        {
            return Decision.Conflict(ErrorCodes.NotEnoughLeft,
                $"Only {left} of '{item.Name}' {(left == 1 ? "is" : "are")} left; send a quantity of {left} or less.", "quantity");
        }
        if (state.Lines.Count >= OrderLimits.MaxLines)
        {
            return Decision.Conflict(ErrorCodes.OrderFull, $"The order holds {OrderLimits.MaxLines} lines, the most an order may; start another order.");
        }
        // Prices are bounded when the menu is set, so the line's amount fits. What an order rings up (voided lines
        // included, so adding and voiding cannot grow a day's voids without end) is bounded here.
        var unitPrice = checked(item.PriceMinor + options.Sum(o => o.PriceMinor));
        var net = checked(c.Quantity * unitPrice);
        var rungUp = checked(state.RungUpMinor + net + LineTax.For(net, item.TaxRateBp));
        if (rungUp > MoneyLimits.MaxOrderTotalMinor)
        {
            return Decision.Conflict(ErrorCodes.OrderTotalTooLarge,
                $"This line would take what the order rings up (voided lines included) to {rungUp}, past the most an order may hold ({MoneyLimits.MaxOrderTotalMinor}); start another order.",
                "quantity");
        }
        return Decision.Apply(new LineAdded(
            c.LineId, item.Id, item.Name, c.Quantity, unitPrice, item.TaxRateBp, item.Station, c.Note, [.. modifiers])
        {
            Options = options,
            Seat = c.Seat,
            Course = c.Course,
            Held = c.Hold,
            Counted = availability?.Remaining is not null,
        });
    }

    public static Decision VoidLine(OrderState state, VoidLine c)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        if (state.MovedLineTo(c.LineId) is { } movedTo)
        {
            return Decision.Conflict(ErrorCodes.LineMoved, $"Line {c.LineId} moved to order {movedTo}; void it there.", "lineId");
        }
        if (state.FindLine(c.LineId) is not { } line)
        {
            return Decision.Refuse(ErrorCodes.LineNotFound, $"Line {c.LineId} is not on this order.", "lineId");
        }
        if (line.Status == LineStatus.Voided)
        {
            return Decision.AlreadyDone;
        }
        if (state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; its lines can no longer be voided.");
        }
        if (state.BalanceMinor - line.NetMinor - line.TaxMinor < 0)
        {
            return Decision.Conflict(ErrorCodes.LinePaid,
                "Payments already taken cover this line; voiding it would leave the guest owed money. Void it before taking payment.");
        }
        if (line.Status == LineStatus.Fired && !c.MayVoidFired)
        {
            // The field of a permission-denied names the permission missing.
            return Decision.Refuse(ErrorCodes.PermissionDenied,
                $"Line {c.LineId} has been fired to the kitchen: voiding it needs a manager (permission '{PermissionNames.LinesVoidFired}'). " +
                "A manager signs in on this device, or approves the void with their PIN in the Pos-Approval header.",
                PermissionNames.LinesVoidFired);
        }
        return Decision.Apply(new LineVoided(c.LineId, c.Reason.Trim(), line.Status == LineStatus.Fired));
    }

    /// <summary>
    /// Fires <paramref name="course"/>'s pending lines, held ones too (firing a course releases it), or with no course
    /// every pending line that is not held. With nothing to fire, changes nothing.
    /// </summary>
    public static Decision Fire(OrderState state, DateTimeOffset now, int? course = null)
    {
        if (MustBeOpen(state) is { } refused)
        {
            return refused;
        }
        var pending = state.Lines
            .Where(l => l.Status == LineStatus.Pending && (course is null ? !l.Added.Held : l.Added.Course == course))
            .Select(l => l.Added.LineId).ToList();
        return pending.Count == 0 ? Decision.Nothing : Decision.Apply(new OrderFired(pending, now) { Course = course });
    }

    /// <summary>A payment taken by <paramref name="employeeId"/> (the person signed in on the device, whose tip it is), when one is.</summary>
    public static Decision AddPayment(OrderState state, AddPayment c, string? employeeId = null)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        if (state.FindPayment(c.PaymentId) is { } existing)
        {
            var same = existing.Tender == c.Tender && existing.AmountMinor == c.AmountMinor
                && existing.TipMinor == c.TipMinor && existing.Reference == c.Reference;
            return same
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.PaymentExists, $"Payment {c.PaymentId} was already taken with other details; choose a new paymentId.", "paymentId");
        }
        if (state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; no more payments can be taken on it.");
        }
        if (state.Payments.Count >= OrderLimits.MaxPayments)
        {
            return Decision.Conflict(ErrorCodes.OrderFull, $"The order holds {OrderLimits.MaxPayments} payments, the most an order may.");
        }
        if (checked(state.TipMinor + c.TipMinor) > MoneyLimits.MaxOrderTotalMinor)
        {
            return Decision.Conflict(ErrorCodes.OrderTotalTooLarge,
                $"This tip would take the order's tips past the most an order may hold ({MoneyLimits.MaxOrderTotalMinor}).", "tipMinor");
        }
        var balance = state.BalanceMinor;
        if (balance <= 0)
        {
            return Decision.Conflict(ErrorCodes.Overpayment, "Nothing is owed on this order; no payment is needed.", "amountMinor");
        }
        var change = 0L;
        if (c.AmountMinor > balance)
        {
            if (c.Tender != Tender.Cash)
            {
                return Decision.Conflict(ErrorCodes.Overpayment,
                    $"The payment of {c.AmountMinor} is more than the balance of {balance}; only cash can be overpaid (change is given).", "amountMinor");
            }
            change = c.AmountMinor - balance;
        }
        return Decision.Apply(new PaymentAdded(c.PaymentId, c.Tender, c.AmountMinor, c.TipMinor, change, c.Reference) { EmployeeId = employeeId });
    }

    public static Decision Close(OrderState state, DateTimeOffset now)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        if (state.IsClosed)
        {
            return Decision.AlreadyDone;
        }
        if (state.BalanceMinor != 0)
        {
            return Decision.Conflict(ErrorCodes.BalanceNotZero,
                $"The balance is {state.BalanceMinor}; take payment for the full amount before closing.");
        }
        return Decision.Apply(new OrderClosed(now));
    }

    private static Decision? MustExist(OrderState state) =>
        state.Exists ? null : Decision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");

    private static Decision? MustBeOpen(OrderState state) =>
        MustExist(state) ?? (state.IsClosed ? Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; open a new order.") : null);
}
