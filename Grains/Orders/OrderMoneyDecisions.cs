using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;

namespace Pos.Grains.Orders;

/// <summary>The rules of discounts, comps, tip adjustments and refunds: each checked against the order as it stands.</summary>
public static class OrderMoneyDecisions
{
    public const int MaxDiscounts = 50;
    public const int MaxRefunds = 50;

    public static Decision ApplyDiscount(OrderState state, ApplyDiscount c)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        var reason = c.Reason.Trim();
        // A comp is recorded at 100 %, whether or not its command said so.
        var percent = c.PercentBp ?? (c.Comp ? 10_000 : null);
        if (state.FindDiscount(c.DiscountId) is { } existing)
        {
            var same = existing.LineId == c.LineId && existing.PercentBp == percent && existing.AmountMinor == c.AmountMinor
                && existing.Comp == c.Comp && existing.Reason == reason;
            return same
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.DiscountExists, $"Discount {c.DiscountId} was already given with other details; choose a new discountId.", "discountId");
        }
        if (state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; a discount is given before it closes (a refund gives money back after).");
        }
        long remaining;
        if (c.LineId is { } lineId)
        {
            if (state.FindLine(lineId) is not { } line)
            {
                return Decision.Refuse(ErrorCodes.LineNotFound, $"Line {lineId} is not on this order.", "lineId");
            }
            if (line.Status == LineStatus.Voided)
            {
                return Decision.Conflict(ErrorCodes.LineVoided, $"Line {lineId} is voided: it is not charged, so it takes no discount.", "lineId");
            }
            remaining = line.NetMinor - line.DiscountMinor;
        }
        else
        {
            remaining = state.NetSalesMinor;
        }
        if (state.Discounts.Count >= MaxDiscounts)
        {
            return Decision.Conflict(ErrorCodes.OrderFull, $"The order holds {MaxDiscounts} discounts, the most an order may.");
        }
        if (remaining <= 0 || c.AmountMinor > remaining)
        {
            return Decision.Conflict(ErrorCodes.DiscountTooLarge,
                $"What remains to discount is {remaining}; a discount never takes an amount below zero.", c.AmountMinor is null ? "lineId" : "amountMinor");
        }
        if (!c.MayGoAboveThreshold && IsAboveThreshold(c, remaining))
        {
            var what = c.Comp ? "A comp" : $"A discount above {OrderMoneyRules.ThresholdBp / 100} % of what it is on";
            return Decision.Refuse(ErrorCodes.PermissionDenied,
                $"{what} needs a manager (permission '{PermissionNames.DiscountsAboveThreshold}'). A manager signs in on this device, " +
                "or approves it with their PIN in the Pos-Approval header.", PermissionNames.DiscountsAboveThreshold);
        }
        var given = new DiscountApplied(c.DiscountId, c.LineId, percent, c.AmountMinor, reason, c.Comp);
        var after = state.Clone();
        after.Apply(given);
        if (after.BalanceMinor < 0)
        {
            return Decision.Conflict(ErrorCodes.DiscountBelowPaid,
                $"Payments of {state.PaidMinor} are already taken and the order would total {after.TotalMinor} after this discount; " +
                "a discount is given before the payment it lowers.", "discountId");
        }
        return Decision.Apply(given);
    }

    /// <summary>A comp always; a percent above the threshold; an amount above the threshold's share of what remains.</summary>
    public static bool IsAboveThreshold(ApplyDiscount c, long remaining) =>
        c.Comp
        || c.PercentBp > OrderMoneyRules.ThresholdBp
        || (c.AmountMinor is { } amount && (Int128)amount * 10_000 > (Int128)remaining * OrderMoneyRules.ThresholdBp);

    public static Decision RemoveDiscount(OrderState state, RemoveDiscount c)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        if (state.FindDiscount(c.DiscountId) is null)
        {
            return Decision.Refuse(ErrorCodes.DiscountNotFound, $"No discount {c.DiscountId} on this order.", "discountId");
        }
        if (state.IsRemoved(c.DiscountId))
        {
            return Decision.AlreadyDone;
        }
        if (state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderClosed, "The order is closed; its discounts are final.");
        }
        return Decision.Apply(new DiscountRemoved(c.DiscountId));
    }

    public static Decision AdjustTip(OrderState state, AdjustTip c)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        if (state.FindPayment(c.PaymentId) is not { } payment)
        {
            return Decision.Refuse(ErrorCodes.PaymentNotFound, $"No payment {c.PaymentId} on this order.", "paymentId");
        }
        if (payment.Tender == Tender.Cash)
        {
            return Decision.Conflict(ErrorCodes.TipNotAdjustable,
                "A cash payment's tip went into the drawer with it; only a card (or other) payment's tip is adjusted.", "paymentId");
        }
        if (payment.TipMinor == c.TipMinor)
        {
            return Decision.AlreadyDone;
        }
        if (checked(state.TipMinor - payment.TipMinor + c.TipMinor) > MoneyLimits.MaxOrderTotalMinor)
        {
            return Decision.Conflict(ErrorCodes.OrderTotalTooLarge,
                $"This tip would take the order's tips past the most an order may hold ({MoneyLimits.MaxOrderTotalMinor}).", "tipMinor");
        }
        return Decision.Apply(new TipAdjusted(c.PaymentId, c.TipMinor, payment.TipMinor));
    }

    /// <summary>A refund given on <paramref name="today"/> (the business date it counts for) by <paramref name="employeeId"/>.</summary>
    public static Decision Refund(OrderState state, Refund c, DateOnly today, string? employeeId)
    {
        if (MustExist(state) is { } missing)
        {
            return missing;
        }
        var reason = c.Reason.Trim();
        if (state.FindRefund(c.RefundId) is { } existing)
        {
            var same = existing.AmountMinor == c.AmountMinor && existing.Tender == c.Tender && existing.Reason == reason
                && existing.LineIds.SequenceEqual(c.LineIds);
            return same
                ? Decision.AlreadyDone
                : Decision.Conflict(ErrorCodes.RefundExists, $"Refund {c.RefundId} was already given with other details; choose a new refundId.", "refundId");
        }
        if (!state.IsClosed)
        {
            return Decision.Conflict(ErrorCodes.OrderNotClosed, "The order is still open: void its lines or discount them instead; a refund is given on a closed order.");
        }
        if (state.Refunds.Count >= MaxRefunds)
        {
            return Decision.Conflict(ErrorCodes.OrderFull, $"The order holds {MaxRefunds} refunds, the most an order may.");
        }
        var left = checked(state.PaidMinor - state.RefundedMinor);
        if (c.AmountMinor > left)
        {
            return Decision.Conflict(ErrorCodes.RefundExceedsPaid,
                $"{state.PaidMinor} was paid and {state.RefundedMinor} refunded already: at most {left} can be refunded.", "amountMinor");
        }
        if (c.LineIds.Count > 0)
        {
            var worth = 0L;
            foreach (var id in c.LineIds)
            {
                if (state.FindLine(id) is not { } line)
                {
                    return Decision.Refuse(ErrorCodes.LineNotFound, $"Line {id} is not on this order.", "lineIds");
                }
                if (line.Status == LineStatus.Voided)
                {
                    return Decision.Conflict(ErrorCodes.LineVoided, $"Line {id} is voided: it was never charged, so it cannot be refunded.", "lineIds");
                }
                worth = checked(worth + Math.Max(0, OrderState.AmountOf(line) - state.RefundedOf(id)));
            }
            if (c.AmountMinor > worth)
            {
                return Decision.Conflict(ErrorCodes.RefundExceedsPaid,
                    $"The lines listed are worth {worth} with tax, less what was refunded of them already: at most that can be refunded for them.", "amountMinor");
            }
        }
        return Decision.Apply(new RefundRecorded(c.RefundId, c.AmountMinor, c.Tender, reason, [.. c.LineIds], today) { EmployeeId = employeeId });
    }

    private static Decision? MustExist(OrderState state) =>
        state.Exists ? null : Decision.Refuse(ErrorCodes.OrderNotFound, "No order with this id; open it first.");
}
