namespace Pos.Contracts.Money;

/// <summary>Tax on one order line: basis points of the line's net amount, rounded half away from zero.</summary>
public static class LineTax
{
    public const int MaxRateBp = 10_000;

    /// <summary>Tax in minor units for <paramref name="netMinor"/> at <paramref name="rateBp"/> basis points.</summary>
    public static long For(long netMinor, int rateBp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateBp);
        // Integer arithmetic only: netMinor * rateBp / 10_000, rounded half away from zero.
        var scaled = checked(netMinor * rateBp);
        var quotient = Math.DivRem(scaled, 10_000, out var remainder);
        if (Math.Abs(remainder) * 2 >= 10_000)
        {
            quotient += Math.Sign(scaled);
        }
        return quotient;
    }
}
