namespace Pos.Contracts.Reports;

/// <summary>
/// The store's word that a business date is over: its clock is past the date's end (plus a grace period) and
/// every order opened on it is closed, so no event can ever again count for that date. Written to the
/// <see cref="StreamId"/> stream with no business date of its own. <paramref name="EventCount"/> events of the
/// journal count for the date, the last of them at <paramref name="LastSeq"/> (0 when the date had none).
/// A copy of the journal that holds this event and exactly <paramref name="EventCount"/> events of the date
/// holds all of them; that is how the cloud proves a daily report complete.
/// </summary>
public sealed record BusinessDaySealed(DateOnly BusinessDate, long EventCount, long LastSeq)
{
    public const string StreamId = "business-days";
    public const string Type = nameof(BusinessDaySealed);
}
