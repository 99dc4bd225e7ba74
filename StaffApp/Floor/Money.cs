using System.Globalization;

namespace Pos.StaffApp.Floor;

/// <summary>Amounts in minor units shown as people read them (the currency code and the major amount), and read back.</summary>
public static class Money
{
    public static string Format(long minor, string currency) => currency + " " + Plain(minor, currency);

    /// <summary>The major amount alone, as typed back (e.g. <c>27.06</c>).</summary>
    public static string Plain(long minor, string currency)
    {
        var (divisor, format) = Scale(currency);
        return (minor / divisor).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>What the person typed (<c>20</c>, <c>20.5</c>, <c>1,020.50</c>) in minor units, or null when it is no amount.</summary>
    public static long? Parse(string? typed, string currency)
    {
        if (string.IsNullOrWhiteSpace(typed)
            || !decimal.TryParse(typed.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var major) || major < 0)
        {
            return null;
        }
        var minor = major * Scale(currency).Divisor;
        return minor == decimal.Truncate(minor) && minor <= long.MaxValue ? (long)minor : null;
    }

    private static (decimal Divisor, string Format) Scale(string currency) => currency switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" => (1m, "N0"),
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" => (1000m, "N3"),
        _ => (100m, "N2"),
    };
}
