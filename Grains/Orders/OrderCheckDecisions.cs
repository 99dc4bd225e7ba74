using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Orders;

/// <summary>The check commands that touch one order only: transfer, the even split, closing with a reason.</summary>
public static class OrderCheckDecisions
{
    public static Decision Transfer(OrderState state, TransferOrder c)
    {
        if (Open(state) is { } refused)
        {
            return refused;
        }
        var table = c.Table?.Trim();
        var sameTable = table is null || table == state.Table;
        var sameServer = c.EmployeeId is null || c.EmployeeId == state.ServerId;
        return sameTable && sameServer ? Decision.AlreadyDone : Decision.Apply(new OrderTransferred(sameTable ? null : table, sameServer ? null : c.EmployeeId));
    }

    /// <summary>The balance split evenly into <paramref name="parts"/> (<see cref="EvenSplit"/>); the same split again changes nothing.</summary>
    public static Decision SplitEvenly(OrderState state, int parts)
    {
        if (Open(state) is { } refused)
        {
            return refused;
        }
        var balance = state.BalanceMinor;
        if (balance <= 0)
        {
            return Decision.Conflict(ErrorCodes.Overpayment, "Nothing is owed on this order; there is nothing to split.", "parts");
        }
        var split = EvenSplit.Of(balance, parts);
        return state.EvenParts.SequenceEqual(split) ? Decision.AlreadyDone : Decision.Apply(new OrderSplitEvenly(split));
    }

    /// <summary>
    /// Closes the order with a reason (a walk-out, a tab nobody will pay): what is still owed is written off, recorded on
    /// the close and reported apart (DailyReport.WrittenOffMinor). The same close again changes nothing.
    /// </summary>
    public static Decision CloseWithReason(OrderState state, CloseWithReason c, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return Decision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");
        }
        var reason = c.Reason.Trim();
        if (state.IsClosed)
        {
            return state.Closing?.WriteOffReason == reason
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.OrderClosed, "The order is already closed.");
        }
        return Decision.Apply(new OrderClosed(now) { WriteOffReason = reason, WrittenOffMinor = Math.Max(0, state.BalanceMinor) });
    }

    private static Decision? Open(OrderState state) =>
        !state.Exists ? Decision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.")
        : state.IsClosed ? Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed.")
        : null;
}
