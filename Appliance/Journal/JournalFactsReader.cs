using Npgsql;
using NpgsqlTypes;
using Pos.Grains.Journal;

namespace Pos.Appliance.Journal;

/// <summary>
/// What the journal writer reads before it decides a batch (<see cref="JournalAdmission"/>): the streams' versions
/// it does not hold in memory, which of the batch's keys have an answer, and, for the dates the batch seals, their
/// last seq. A few index probes per batch, whatever its size.
/// </summary>
internal static class JournalFactsReader
{
    public static async Task<JournalFacts> ReadAsync(
        NpgsqlConnection conn, IReadOnlyList<StreamAppend> batch, long head, IReadOnlyDictionary<string, int> cachedVersions,
        IReadOnlySet<DateOnly> sealedDates, CancellationToken cancellationToken) => new(
            head,
            await LoadVersionsAsync(conn, batch, cachedVersions, cancellationToken),
            await LoadTakenKeysAsync(conn, batch, cancellationToken),
            sealedDates,
            await LoadLastSeqOfSealedDatesAsync(conn, batch, cancellationToken));

    /// <summary>
    /// For the dates the batch seals (rare: once a day), the seq of each date's last event as committed; empty when
    /// the batch seals nothing, so the common batch pays nothing.
    /// </summary>
    private static async Task<Dictionary<DateOnly, long>> LoadLastSeqOfSealedDatesAsync(
        NpgsqlConnection conn, IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        var last = new Dictionary<DateOnly, long>();
        var wanted = new HashSet<DateOnly>();
        foreach (var p in batch)
        {
            foreach (var seal in p.Seals)
            {
                wanted.Add(seal.BusinessDate);
            }
        }
        if (wanted.Count == 0)
        {
            return last;
        }
        var dates = wanted.ToArray();
        // One index probe per date.
        await using var cmd = new NpgsqlCommand(
            "select d, coalesce((select max(seq) from journal where business_date = d), 0) from unnest($1::date[]) as d", conn);
        cmd.Parameters.AddWithValue(dates);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt64(1);
        }
        return last;
    }

    private static async Task<Dictionary<string, int>> LoadVersionsAsync(
        NpgsqlConnection conn, IReadOnlyList<StreamAppend> batch, IReadOnlyDictionary<string, int> cached, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        void Look(string stream)
        {
            if (cached.TryGetValue(stream, out var v))
            {
                known[stream] = v;
            }
            else
            {
                missing.Add(stream);
            }
        }
        foreach (var p in batch)
        {
            Look(p.StreamId);
            foreach (var linked in p.Linked)
            {
                Look(linked.StreamId);
            }
        }
        if (missing.Count > 0)
        {
            // One index probe per stream. (`stream_id = any($1)` turns into a scan of the whole journal once
            // the statement is prepared with a generic plan.)
            await using var cmd = new NpgsqlCommand("""
                select s.id, (select max(j.stream_version) from journal j where j.stream_id = s.id)
                from unnest($1::text[]) as s(id)
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = missing.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
            }
        }
        return known;
    }

    private static async Task<HashSet<string>> LoadTakenKeysAsync(NpgsqlConnection conn, IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var keys = batch.Where(p => p.Response is not null).Select(p => p.Response!.Key).ToArray();
        if (keys.Length == 0)
        {
            return taken;
        }
        await using var cmd = new NpgsqlCommand("""
            select k.key from unnest($1::text[]) as k(key)
            where exists (select 1 from idempotency i where i.key = k.key)
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add(reader.GetString(0));
        }
        return taken;
    }
}
