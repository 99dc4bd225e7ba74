using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Pos.Cloud.Reports;

/// <summary>Which store dates a rebuild looks at, and whether it only checks (<see cref="Check"/>) or also repairs.</summary>
public sealed record RebuildScope(bool Check, string? StoreId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>What a rebuild found: store dates checked, matching, not matching, rewritten, and skipped (raw events deleted).</summary>
public sealed record RebuildSummary(int Checked, int Matched, int Mismatched, int Repaired, int RawDeleted)
{
    public override string ToString() =>
        $"checked {Checked}, matched {Matched}, mismatched {Mismatched}, repaired {Repaired}; skipped {RawDeleted} whose raw events are deleted";
}

/// <summary>
/// Folds every store date again from the raw journal and compares the result with the stored figures
/// (<see cref="DayFigures"/>); without <see cref="RebuildScope.Check"/> it rewrites the rows that differ.
/// </summary>
/// <remarks>
/// Why a repair racing ingest cannot write an older fold over a newer one: each store date is repaired in a
/// transaction of its own that first takes the store's row lock, the lock every ingest transaction holds from its
/// checkpoint update to its commit. Holding it, no batch of the store can commit; and the rebuild's statements after
/// the lock (read committed: each statement sees what was committed before it began) see every batch committed
/// before. So the rebuild folds all events there are and writes before any later batch, and that batch, waiting on
/// the lock, refolds the date itself after the rebuild committed, from all events including its own.
/// A check alone takes no lock: it reads the row and the events in one repeatable-read snapshot, in which ingest's
/// writes (events and row in one transaction) are all there or none.
/// </remarks>
public sealed class ProjectionRebuild(NpgsqlDataSource dataSource)
{
    // The store dates with raw events, and those with a row (a row without events is checked too: it should not be).
    private const string StoreDates = """
        select store_id, business_date from store_journal
        where business_date is not null and ($1::text is null or store_id = $1) and ($2::date is null or business_date >= $2)
          and ($3::date is null or business_date <= $3)
        union
        select store_id, business_date from store_day_figures
        where ($1::text is null or store_id = $1) and ($2::date is null or business_date >= $2) and ($3::date is null or business_date <= $3)
        order by 1, 2
        """;

    private static readonly string Compare = $"""
        select f.raw_deleted_at is not null, f.events, f.through_seq, r.report::jsonb is not distinct from $3::jsonb,
               r.z::jsonb is not distinct from $4::jsonb, f.fold_error is not distinct from $5, not f.folded and f.fold_error is null,
               f.seal_seq is not distinct from $6 and f.seal_data::jsonb is not distinct from $7::jsonb,
               r.report::text is not distinct from $3,
               row({string.Join(", ", DaySums.Columns.Split(", ").Select(c => $"f.{c}"))})
                   is not distinct from row({string.Join(", ", Enumerable.Range(8, DaySums.ColumnCount).Select(i => $"${i}"))}),
               f.folded = ($3::text is not null)
        from store_day_figures f
        left join store_day_reports r on r.store_id = f.store_id and r.business_date = f.business_date
        where f.store_id = $1 and f.business_date = $2
        """;

    /// <summary>Checks (and unless <see cref="RebuildScope.Check"/>, repairs) the store dates of <paramref name="scope"/>; one line per mismatch to <paramref name="output"/>.</summary>
    public async Task<RebuildSummary> RunAsync(RebuildScope scope, TextWriter output, CancellationToken cancellationToken)
    {
        var dates = new List<(string Store, DateOnly Date)>();
        await using (var cmd = dataSource.CreateCommand(StoreDates))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.StoreId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                dates.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
            }
        }
        int matched = 0, mismatched = 0, repaired = 0, rawDeleted = 0;
        foreach (var (store, date) in dates)
        {
            switch (await OneAsync(store, date, scope.Check, output, cancellationToken))
            {
                case Outcome.Matched: matched++; break;
                case Outcome.RawDeleted: rawDeleted++; break;
                case Outcome.Mismatched: mismatched++; break;
                case Outcome.Repaired: mismatched++; repaired++; break;
            }
        }
        return new RebuildSummary(matched + mismatched, matched, mismatched, repaired, rawDeleted);
    }

    /// <summary>
    /// Folds the rows still without figures that are not known to fail (the store dates counted by the migration that
    /// added the rows), a few at a time; the number folded.
    /// </summary>
    public async Task<int> FoldPendingAsync(CancellationToken cancellationToken)
    {
        var folded = 0;
        while (true)
        {
            var pending = new List<(string Store, DateOnly Date)>();
            await using (var cmd = dataSource.CreateCommand("""
                select store_id, business_date from store_day_figures
                where to_fold and not folded and fold_error is null and raw_deleted_at is null
                order by store_id, business_date limit 200
                """))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    pending.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
                }
            }
            if (pending.Count == 0)
            {
                return folded;
            }
            foreach (var (store, date) in pending)
            {
                await OneAsync(store, date, check: false, TextWriter.Null, cancellationToken);
                folded++;
            }
        }
    }

    private enum Outcome { Matched, Mismatched, Repaired, RawDeleted }

    private async Task<Outcome> OneAsync(string store, DateOnly date, bool check, TextWriter output, CancellationToken cancellationToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(check ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, cancellationToken);
        if (!check)
        {
            await DayFigures.LockStoreAsync(conn, tx, store, cancellationToken);
        }
        var events = await DayFigures.ReadEventsAsync(conn, tx, store, date, cancellationToken);
        var fold = DayFigures.Fold(date, events);
        var seal = await DayFigures.LatestSealAsync(conn, tx, store, date, cancellationToken);
        string? difference;
        var sameText = true;
        await using (var cmd = new NpgsqlCommand(Compare, conn, tx))
        {
            cmd.Parameters.AddWithValue(store);
            cmd.Parameters.AddWithValue(date);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fold.Report ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fold.Z ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fold.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)seal?.Seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)seal?.Data ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            foreach (var parameter in (fold.Sums ?? DaySums.None).Parameters())
            {
                cmd.Parameters.Add(parameter);
            }
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                difference = events.Count == 0 && seal is null ? null : "no figures are stored";
            }
            else if (reader.GetBoolean(0))
            {
                await output.WriteLineAsync($"{store} {date:yyyy-MM-dd}: skipped, its raw events were deleted (retention); the stored figures are kept");
                return Outcome.RawDeleted;
            }
            else
            {
                difference = Difference(fold, reader);
                sameText = reader.GetBoolean(8) || reader.GetBoolean(6);
            }
        }
        if (difference is null)
        {
            if (!check && !sameText)
            {
                // The same report in other text (folded before migration 0011 kept the fold's own text): the daily
                // answer writes the stored text as it is, so the fold's is written again. Not a mismatch.
                await DayFigures.WriteAsync(conn, tx, store, date, fold, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
            return Outcome.Matched;
        }
        await output.WriteLineAsync($"{store} {date:yyyy-MM-dd}: mismatch: {difference}{(check ? "" : "; repaired")}");
        if (check)
        {
            return Outcome.Mismatched;
        }
        await DayFigures.WriteAsync(conn, tx, store, date, fold, cancellationToken);
        await DayFigures.SetSealAsync(conn, tx, store, date, seal, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Outcome.Repaired;
    }

    /// <summary>What the stored row says differently from <paramref name="fold"/>, or null when nothing.</summary>
    private static string? Difference(FoldedDay fold, NpgsqlDataReader row)
    {
        var differences = new List<string>();
        var (events, throughSeq) = (row.GetInt32(1), row.GetInt64(2));
        if (events != fold.Events)
        {
            differences.Add($"{events} events stored, {fold.Events} in the journal");
        }
        if (throughSeq != fold.ThroughSeq)
        {
            differences.Add($"through seq {throughSeq} stored, {fold.ThroughSeq} in the journal");
        }
        if (row.GetBoolean(6) && fold.Report is not null)
        {
            differences.Add("the figures are not folded yet");
        }
        else
        {
            if (!row.GetBoolean(3))
            {
                differences.Add("the daily report differs from the fold");
            }
            if (!row.GetBoolean(4))
            {
                differences.Add("the Z report differs from the fold");
            }
        }
        if (!row.GetBoolean(10) && !row.GetBoolean(6))
        {
            differences.Add(fold.Report is null ? "the row says it is folded, but the fold fails" : "the row says it is not folded, but the fold succeeds");
        }
        if (!row.GetBoolean(7))
        {
            differences.Add("the seal kept differs from the date's latest seal in the journal");
        }
        if (!row.GetBoolean(9) && !row.GetBoolean(6))
        {
            differences.Add("the sums' columns differ from the fold");
        }
        if (!row.GetBoolean(5))
        {
            differences.Add(fold.Error is null ? "a fold error is stored, but the fold succeeds" : $"the fold fails ({fold.Error})");
        }
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }
}
