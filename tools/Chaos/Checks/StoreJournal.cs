using System.Text.Json;

namespace Pos.Chaos.Checks;

/// <summary>One journal event as the checker reads it.</summary>
public sealed record JournalEvent(long Seq, Guid EventId, string StreamId, string Type, DateOnly? BusinessDate, JsonElement Data);

/// <summary>The store's journal, read through its API (<c>GET /api/v1/journal</c>), page after page.</summary>
public static class StoreJournal
{
    public static async Task<IReadOnlyList<JournalEvent>> ReadAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var all = new List<JournalEvent>();
        long after = 0;
        while (true)
        {
            using var response = await admin.GetAsync($"/api/v1/journal?after={after}&limit=1000", cancellationToken);
            var page = await Stack.ChaosStack.ReadAsync(response, cancellationToken);
            var events = page.GetProperty("events");
            if (events.GetArrayLength() == 0)
            {
                return all;
            }
            foreach (var e in events.EnumerateArray())
            {
                all.Add(new JournalEvent(
                    e.GetProperty("seq").GetInt64(),
                    e.GetProperty("eventId").GetGuid(),
                    e.GetProperty("streamId").GetString()!,
                    e.GetProperty("type").GetString()!,
                    e.TryGetProperty("businessDate", out var date) && date.ValueKind == JsonValueKind.String ? DateOnly.Parse(date.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
                    e.GetProperty("data").Clone()));
            }
            after = page.GetProperty("lastSeq").GetInt64();
        }
    }
}
