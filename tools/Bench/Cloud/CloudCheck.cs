using Npgsql;

namespace Pos.Bench.Cloud;

/// <summary>
/// After the run, straight from the cloud's database: every store holds each sent event exactly once, at its seq, and
/// its checkpoint is the last seq.
/// </summary>
internal static class CloudCheck
{
    private const int MaxReported = 10;

    /// <summary>What is wrong, one line per problem (at most ten), or nothing.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(NpgsqlDataSource cloud, IReadOnlyList<SimulatedStore> stores, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var byId = stores.ToDictionary(s => s.StoreId);
        var ids = stores.Select(s => s.StoreId).ToArray();

        await using (var checkpoints = cloud.CreateCommand("select store_id, acked_seq from stores where store_id = any($1)"))
        {
            checkpoints.Parameters.AddWithValue(ids);
            var seen = new HashSet<string>();
            await using var reader = await checkpoints.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var store = byId[reader.GetString(0)];
                seen.Add(store.StoreId);
                if (reader.GetInt64(1) != store.Rows.Length)
                {
                    problems.Add($"{store.StoreId}: acked_seq is {reader.GetInt64(1)}, the store sent {store.Rows.Length}");
                }
            }

            problems.AddRange(ids.Where(id => !seen.Contains(id)).Select(id => $"{id}: not in stores"));
        }

        var counts = stores.ToDictionary(s => s.StoreId, _ => 0L);
        await using (var journal = cloud.CreateCommand(
            "select store_id, seq, event_id, stream_id, type from store_journal where store_id = any($1)"))
        {
            journal.Parameters.AddWithValue(ids);
            await using var reader = await journal.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var store = byId[reader.GetString(0)];
                var seq = reader.GetInt64(1);
                counts[store.StoreId]++;
                if (seq < 1 || seq > store.Rows.Length)
                {
                    problems.Add($"{store.StoreId}: holds seq {seq}, which the store never sent");
                    continue;
                }

                var sent = store.Rows[seq - 1];
                if (reader.GetGuid(2) != sent.EventId || reader.GetString(3) != sent.StreamId || reader.GetString(4) != sent.Type)
                {
                    problems.Add($"{store.StoreId}: seq {seq} is event {reader.GetGuid(2)}, the store sent {sent.EventId} there");
                }
            }
        }

        // (store_id, seq) is the primary key, so a count equal to the events sent, with every seq in 1..n, is each once.
        problems.AddRange(stores.Where(s => counts[s.StoreId] != s.Rows.Length)
            .Select(s => $"{s.StoreId}: holds {counts[s.StoreId]} events, the store sent {s.Rows.Length}"));
        return problems.Count <= MaxReported ? problems : [.. problems.Take(MaxReported), $"... and {problems.Count - MaxReported} more"];
    }
}
