using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Pos.Chaos.Checks;

/// <summary>What the cloud holds against the store.</summary>
public sealed record CloudFindings(int StoreEvents, int CloudEvents, int EventMismatches, int ReportDates, int ReportMismatches, IReadOnlyList<string> Details);

/// <summary>
/// The cloud against the store: its copy of the journal (read from the cloud's database) is the store's, event for
/// event (seq, event id and data); HQ's daily report of the store is the store's own, figure for figure, for every
/// business date of the journal.
/// </summary>
public static class CloudCheck
{
    /// <summary>Figures only one side gives: the store's report names the seq it was folded through.</summary>
    private static readonly HashSet<string> NotFigures = ["throughSeq"];

    public static async Task<CloudFindings> CheckAsync(
        IReadOnlyList<JournalEvent> journal, string cloudDb, string storeId, HttpClient store, HttpClient hq, CancellationToken cancellationToken)
    {
        var details = new List<string>();
        var cloud = await CloudJournalAsync(cloudDb, storeId, cancellationToken);
        var mismatches = Math.Abs(cloud.Count - journal.Count);
        if (cloud.Count != journal.Count)
        {
            details.Add($"the cloud holds {cloud.Count} event(s) of the store, the store's journal {journal.Count}");
        }
        foreach (var (mine, copy) in journal.Zip(cloud))
        {
            if (mine.Seq != copy.Seq || mine.EventId != copy.EventId || !JsonNode.DeepEquals(JsonNode.Parse(mine.Data.GetRawText()), copy.Data))
            {
                mismatches++;
                if (details.Count < 20)
                {
                    details.Add($"seq {mine.Seq} ({mine.EventId}) in the store is seq {copy.Seq} ({copy.EventId}) in the cloud, or its data differs");
                }
            }
        }

        var dates = journal.Select(e => e.BusinessDate).OfType<DateOnly>().Distinct().Order().ToList();
        var reportMismatches = 0;
        foreach (var date in dates)
        {
            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var mineAnswer = await store.GetAsync($"/api/v1/reports/daily?businessDate={day}", cancellationToken);
            var ours = await Stack.ChaosStack.ReadAsync(mineAnswer, cancellationToken);
            using var hqAnswer = await hq.GetAsync($"/cloud/v1/reports/daily?businessDate={day}&storeId={storeId}", cancellationToken);
            var theirs = (await Stack.ChaosStack.ReadAsync(hqAnswer, cancellationToken)).GetProperty("stores").EnumerateArray()
                .Single(s => s.GetProperty("storeId").GetString() == storeId).GetProperty("report");
            var names = ours.EnumerateObject().Select(p => p.Name).Where(n => !NotFigures.Contains(n))
                .Union(theirs.EnumerateObject().Select(p => p.Name).Where(n => !NotFigures.Contains(n)));
            foreach (var name in names)
            {
                var a = ours.TryGetProperty(name, out var x) ? x : default;
                var b = theirs.TryGetProperty(name, out var y) ? y : default;
                if (a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined || !JsonElement.DeepEquals(a, b))
                {
                    reportMismatches++;
                    details.Add($"{day}: {name} is {(a.ValueKind == JsonValueKind.Undefined ? "missing" : a.GetRawText())} in the store and {(b.ValueKind == JsonValueKind.Undefined ? "missing" : b.GetRawText())} at HQ");
                }
            }
        }
        return new CloudFindings(journal.Count, cloud.Count, mismatches, dates.Count, reportMismatches, details);
    }

    private static async Task<List<(long Seq, Guid EventId, JsonNode? Data)>> CloudJournalAsync(string cloudDb, string storeId, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(cloudDb);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("select seq, event_id, data::text from store_journal where store_id = $1 order by seq", conn);
        cmd.Parameters.AddWithValue(storeId);
        var rows = new List<(long, Guid, JsonNode?)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetGuid(1), JsonNode.Parse(reader.GetString(2))));
        }
        return rows;
    }
}
