using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Pos.Bench.Cloud;
using Pos.Cloud.Reports;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Bench.Hq;

/// <summary>
/// The cloud's history, loaded fast: every store's days before the measured one, made by <see cref="ChainDay"/> (so
/// the reports read them as they read real days, seals included) and written by binary COPY straight into
/// store_journal with each store date's figures row (store_day_figures) as ingest keeps it, date by date across the
/// stores as a chain's syncs would have brought them; each store's
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
                    await FiguresAsync(cloud, storeIds[i], date, rows, ct);
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

    /// <summary>
    /// The store date's figures row, as ingest would have kept it beside these events (the fold of the date's events,
    /// written as the cloud writes it): without it the reports would see the loaded dates as dates without events.
    /// </summary>
    private static async Task FiguresAsync(NpgsqlDataSource cloud, string storeId, DateOnly date, List<JournalEntry> rows, CancellationToken cancellationToken)
    {
        await using var connection = await cloud.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await DayFigures.WriteAsync(connection, tx, storeId, date, DayFigures.Fold(date, [.. rows.Where(e => e.BusinessDate == date)]), cancellationToken);
        foreach (var seal in rows.Where(e => e.StreamId == BusinessDaySealed.StreamId && e.Type == BusinessDaySealed.Type))
        {
            await DayFigures.RecordSealAsync(connection, tx, storeId, seal, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlDataSource cloud, string storeId, List<JournalEntry> rows, CancellationToken cancellationToken)
    {
        await using var connection = await cloud.OpenConnectionAsync(cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var e in rows)
        {
            await JournalRows.WriteAsync(import, storeId, e, cancellationToken);
            await import.WriteAsync(e.EmployeeId, NpgsqlDbType.Text, cancellationToken);
        }
        await import.CompleteAsync(cancellationToken);
    }
}
