using Pos.Contracts.Money;

namespace Pos.Grains.Orders;

/// <summary>
/// How much one order and one business day may hold. Far past any real service, they keep every figure of a day's
/// report provably inside a 64-bit integer: at most <see cref="MaxOrdersPerBusinessDay"/> orders a day, each with at
/// most <see cref="MoneyLimits.MaxOrderTotalMinor"/> rung up (voided lines included) and as much in tips, make
/// every sum of a day at most 10^18 minor units, and every item's quantity at most 5·10^11.
/// </summary>
public static class OrderLimits
{
    /// <summary>Lines on one order, voided ones included.</summary>
    public const int MaxLines = 500;

    /// <summary>Payments on one order.</summary>
    public const int MaxPayments = 50;

    /// <summary>Orders opened on one business date.</summary>
    public const int MaxOrdersPerBusinessDay = 1_000_000;
}
