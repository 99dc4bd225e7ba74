namespace Pos.Grains.Clock;

/// <summary>
/// The store's clock: its time zone and the hour its business day starts. An order belongs to the
/// business date on which it was opened, so sales after midnight still count for the evening's service.
/// </summary>
public sealed class StoreClock(TimeProvider time, StoreClockOptions options)
{
    public TimeZoneInfo Zone { get; } = options.ResolveZone();

    public TimeSpan DayStarts { get; } = options.DayStarts;

    public TimeProvider Time => time;

    /// <summary>Now, with the store's UTC offset.</summary>
    public DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    /// <summary>The business date an instant belongs to.</summary>
    public DateOnly BusinessDateOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return DateOnly.FromDateTime(local.DateTime - DayStarts);
    }

    public DateOnly Today() => BusinessDateOf(time.GetUtcNow());
}

/// <summary>Where the store is and when its day turns over.</summary>
public sealed record StoreClockOptions
{
    /// <summary>IANA zone id, e.g. America/New_York; empty means the machine's zone.</summary>
    public string TimeZoneId { get; init; } = "";

    /// <summary>Local time at which a new business day starts (default 04:00).</summary>
    public TimeSpan DayStarts { get; init; } = TimeSpan.FromHours(4);

    public TimeZoneInfo ResolveZone() =>
        string.IsNullOrWhiteSpace(TimeZoneId) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Parses "HH:mm" as the start of the business day.</summary>
    public static TimeSpan ParseDayStarts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromHours(4);
        }
        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], out var t))
        {
            return t.ToTimeSpan();
        }
        throw new FormatException($"POS_DAY_STARTS must be a time of day like 04:00, not '{text}'.");
    }
}
