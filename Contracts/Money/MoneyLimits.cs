namespace Pos.Contracts.Money;

/// <summary>
/// The largest amounts the store takes, in minor units. They keep every sum far inside a 64-bit integer: an order
/// holds at most <see cref="MaxOrderTotalMinor"/>, so a day's report could add up nine million such orders before
/// it came near the limit, and every sum is checked all the same, so none can ever wrap.
/// </summary>
public static class MoneyLimits
{
    /// <summary>A menu item's price: 1,000,000,000 minor units (10,000,000.00 in a currency with cents).</summary>
    public const long MaxPriceMinor = 1_000_000_000;

    /// <summary>An order's total with tax, a payment's amount and a tip: 1,000,000,000,000 minor units.</summary>
    public const long MaxOrderTotalMinor = 1_000_000_000_000;
}
