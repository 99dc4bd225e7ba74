using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>A store's seal of a business date as the cloud holds it (the BusinessDaySealed event's data).</summary>
public static class SealReading
{
    /// <summary>How many seals <see cref="Read"/> remembers before it starts afresh (a quarter of a 2,000-store chain's dates is 184,000).</summary>
    private const int Remembered = 200_000;

    // Seals already read, by seq and data: reading is a pure function of them, and a range of a chain reads every
    // store date's seal (60,000 for a month of 2,000 stores) on every ask.
    private static readonly ConcurrentDictionary<(long Seq, string Data), DaySeal?> Seen = new();

    /// <summary>The seal stored at <paramref name="seq"/>, or null when its data cannot be read as one.</summary>
    public static DaySeal? Read(long seq, string data)
    {
        if (Seen.TryGetValue((seq, data), out var known))
        {
            return known;
        }
        DaySeal? seal;
        try
        {
            seal = JsonSerializer.Deserialize<BusinessDaySealed>(data, EventJson.Options) is { EventCount: >= 0, LastSeq: >= 0 } day
                ? new DaySeal(seq, day.EventCount, day.LastSeq)
                : null;
        }
        catch (JsonException)
        {
            seal = null;
        }
        if (Seen.Count >= Remembered)
        {
            Seen.Clear();
        }
        Seen.TryAdd((seq, data), seal);
        return seal;
    }

    /// <summary>
    /// The business date a seal's data names (its "businessDate", a date like 2026-11-25), or null when it names none:
    /// the date whose row keeps the seal.
    /// </summary>
    public static DateOnly? DateOf(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("businessDate", out var value)
                && value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
