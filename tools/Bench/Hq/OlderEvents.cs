using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Journal;

namespace Pos.Bench.Hq;

/// <summary>
/// The cloud's history, loaded fast: every store's days before the measured one, made by <see cref="ChainDay"/> (so
/// the reports read them as they read real days, seals included) and written by binary COPY straight into
/// store_journal, date by date across the stores as a chain's syncs would have brought them; each store's
/// checkpoint and head move past them, so the stores send their next day from there.
/// </summary>
internal static class OlderEvents
{
    private const string Copy = """
        copy store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, employee_id)
        from stdin (format binary)
        """;

    /// <summary>What was loaded: events and how long it took.</summary>
    public sealed record Loaded(long Events, TimeSpan Elapsed);

    /// <summary>
    /// Loads <paramref name="ordersPerDay"/> orders a day for each store over the <paramref name="days"/> dates before
    /// <paramref name="before"/>, the store's events from seq <paramref name="nextSeq"/>[i] on (moved on as loaded).
    /// </summary>
    public static async Task<Loaded> LoadAsync(
        NpgsqlDataSource cloud, IReadOnlyList<string> storeIds, long[] nextSeq, int[] sealVersion, DateOnly before, int days, int ordersPerDay,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long events = 0;
        for (var d = days; d >= 1; d--)
        {
            var date = before.AddDays(-d);
            await Parallel.ForEachAsync(Enumerable.Range(0, storeIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var rows = ChainDay.Generate(date, ordersPerDay, nextSeq[i], storeSeed: i + 1, sealVersion: ++sealVersion[i]);
                    await CopyAsync(cloud, storeIds[i], rows, ct);
                    nextSeq[i] += rows.Count;
                    Interlocked.Add(ref events, rows.Count);
                });
            progress($"{date:yyyy-MM-dd}: {Interlocked.Read(ref events):N0} older events held after {clock.Elapsed.TotalSeconds:F0} s");
        }
        await using (var checkpoints = cloud.CreateCommand("""
            update stores s set acked_seq = x.seq - 1, head_seq = greatest(s.head_seq, x.seq - 1)
            from unnest($1, $2) as x(id, seq) where s.store_id = x.id
            """))
        {
            checkpoints.Parameters.Add(new NpgsqlParameter { Value = storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            checkpoints.Parameters.Add(new NpgsqlParameter { Value = nextSeq, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            await checkpoints.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var analyze = cloud.CreateCommand("analyze store_journal"))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        return new Loaded(events, clock.Elapsed);
    }

    private static async Task CopyAsync(NpgsqlDataSource cloud, string storeId, List<JournalEntry> rows, CancellationToken cancellationToken)
    {
        await using var connection = await cloud.OpenConnectionAsync(cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var e in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(storeId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(e.Seq, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken);
            await import.WriteAsync(e.StreamId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(e.StreamVersion, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(e.DeviceId, NpgsqlDbType.Text, cancellationToken);
            if (e.BusinessDate is { } date)
            {
                await import.WriteAsync(date, NpgsqlDbType.Date, cancellationToken);
            }
            else
            {
                await import.WriteNullAsync(cancellationToken);
            }
            await import.WriteAsync(e.Data, NpgsqlDbType.Jsonb, cancellationToken);
            await import.WriteAsync(e.EmployeeId, NpgsqlDbType.Text, cancellationToken);
        }
        await import.CompleteAsync(cancellationToken);
    }
}
