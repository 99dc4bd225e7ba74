using System.Globalization;

namespace Pos.StaffApp.Floor;

/// <summary>Amounts in minor units shown as people read them: the currency code and the major amount.</summary>
public static class Money
{
    public static string Format(long minor, string currency)
    {
        var (divisor, format) = currency switch
        {
            "JPY" or "KRW" or "VND" or "CLP" or "ISK" => (1m, "N0"),
            "BHD" or "KWD" or "OMR" or "JOD" or "TND" => (1000m, "N3"),
            _ => (100m, "N2"),
        };
        return currency + " " + (minor / divisor).ToString(format, CultureInfo.InvariantCulture);
    }
}
