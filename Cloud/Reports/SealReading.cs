using System.Globalization;
using System.Text.Json;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>A store's seal of a business date as the cloud holds it (the BusinessDaySealed event's data).</summary>
public static class SealReading
{
    /// <summary>The seal stored at <paramref name="seq"/>, or null when its data cannot be read as one.</summary>
    public static DaySeal? Read(long seq, string data)
    {
        try
        {
            return JsonSerializer.Deserialize<BusinessDaySealed>(data, EventJson.Options) is { EventCount: >= 0, LastSeq: >= 0 } day
                ? new DaySeal(seq, day.EventCount, day.LastSeq)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
