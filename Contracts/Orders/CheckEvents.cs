namespace Pos.Contracts.Orders;

// Checks moved, split, merged, transferred, carried over and written off (issue 14). A command that touches several
// orders writes one event on each, in ONE journal transaction (each stream at its expected version): the order the
// lines (and payments) leave records LinesMovedOut, the order they join records LinesMovedIn with the lines as they
// stood (a fired line stays fired, so no ticket prints again). Each order's events count for its own business date.

/// <summary>Why lines moved from one order to another.</summary>
public enum CheckMove
{
    /// <summary>Lines moved to another open order (move-lines).</summary>
    Move,
    /// <summary>Lines went to a new order split from this one (split by lines or by seat).</summary>
    Split,
    /// <summary>Every line and payment went into another order (merge); this order closes merged.</summary>
    Merge,
    /// <summary>Every line and payment went to a new order on the next business date (carry-over); this order closes carried over.</summary>
    CarryOver,
}

/// <summary>A line as it moved: what was added, and where it stood (pending or fired).</summary>
public sealed record MovedLine(LineAdded Added, LineStatus Status);

/// <summary>
/// Lines (and payments) left this order for <paramref name="ToOrderId"/>. They leave the order's lines, totals and
/// payments; their ids stay known to it, so a retried add or payment is recognised and a void of a moved line is
/// told where the line went.
/// </summary>
public sealed record LinesMovedOut(Guid ToOrderId, IReadOnlyList<Guid> LineIds, IReadOnlyList<Guid> PaymentIds, CheckMove Kind) : OrderEvent;

/// <summary>Lines (and payments) joined this order from <paramref name="FromOrderId"/>, as they stood there.</summary>
public sealed record LinesMovedIn(Guid FromOrderId, IReadOnlyList<MovedLine> Lines, IReadOnlyList<PaymentAdded> Payments, CheckMove Kind) : OrderEvent;

/// <summary>
/// The order moved to another table or another server (the person who owns it from now on: reports per server
/// follow it). A null field is unchanged.
/// </summary>
public sealed record OrderTransferred(string? Table, string? ServerId) : OrderEvent;

/// <summary>
/// The balance split evenly into parts (each guest pays one): <paramref name="PartsMinor"/> add up to the balance at
/// the split, to the cent. The rule: balance / n each, the first (balance mod n) parts one minor unit more.
/// </summary>
public sealed record OrderSplitEvenly(IReadOnlyList<long> PartsMinor) : OrderEvent;

/// <summary>The even split's rule, the one place that states it.</summary>
public static class EvenSplit
{
    public const int MaxParts = 50;

    /// <summary>Splits <paramref name="amountMinor"/> into <paramref name="parts"/> amounts that add up to it exactly.</summary>
    public static IReadOnlyList<long> Of(long amountMinor, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinor);
        var each = amountMinor / parts;
        var rest = amountMinor % parts;
        return [.. Enumerable.Range(0, parts).Select(i => i < rest ? each + 1 : each)];
    }
}
