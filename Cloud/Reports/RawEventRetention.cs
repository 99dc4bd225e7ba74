using System.Globalization;
using Npgsql;

namespace Pos.Cloud.Reports;

/// <summary>
/// Deletes the raw events of old business dates, keeping their figures (store_day_figures). Only a date the store
/// sealed and the cloud provably holds whole (<see cref="DayCompleteness"/>) loses its raw events: its figures are then
/// final, since no event can count for it again. The seal itself has no business date of its own and stays, so the
/// date's report still proves itself complete from the row's count of events.
/// </summary>
public sealed class RawEventRetention(NpgsqlDataSource dataSource)
{
    /// <summary>POS_CLOUD_RAW_EVENT_DAYS: keep raw events of this many days back (not set: keep them forever).</summary>
    public const string DaysVariable = "POS_CLOUD_RAW_EVENT_DAYS";

    // Store dates with figures and raw events, older than the cutoff, after a key (one page of a sweep).
    private const string Candidates = """
        select store_id, business_date from store_day_figures
        where business_date < $1 and raw_deleted_at is null and folded
          and (business_date, store_id) > ($2, $3)
        order by business_date, store_id
        limit 500
        """;

    // Under the store's row lock: its checkpoint and the date's row with the latest seal of the date it keeps (ingest
    // keeps it there under the same lock).
    private const string DayUnderLock = """
        select s.acked_seq, s.head_seq, f.seal_seq, f.seal_data, f.events
        from stores s
        join store_day_figures f on f.store_id = s.store_id and f.business_date = $2
        where s.store_id = $1 and f.raw_deleted_at is null and f.folded
        """;

    /// <summary>The days setting from configuration: null (keep forever) or a whole number of days of at least 1.</summary>
    public static int? DaysFrom(IConfiguration config) => config[DaysVariable] is { Length: > 0 } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1
            ? days
            : throw new InvalidOperationException($"{DaysVariable} must be a whole number of days, 1 or more, like 90 (got '{text}'); leave it unset to keep raw events forever.")
        : null;

    /// <summary>
    /// Deletes the raw events of every store date before <paramref name="before"/> that is sealed and complete; the
    /// number of store dates whose raw events were deleted.
    /// </summary>
    public async Task<int> SweepAsync(DateOnly before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var (afterDate, afterStore) = (DateOnly.MinValue, "");
        while (true)
        {
            var page = new List<(string Store, DateOnly Date)>();
            await using (var cmd = dataSource.CreateCommand(Candidates))
            {
                cmd.Parameters.AddWithValue(before);
                cmd.Parameters.AddWithValue(afterDate);
                cmd.Parameters.AddWithValue(afterStore);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
                }
            }
            if (page.Count == 0)
            {
                return deleted;
            }
            foreach (var (store, date) in page)
            {
                deleted += await DeleteIfCompleteAsync(store, date, cancellationToken) ? 1 : 0;
            }
            (afterStore, afterDate) = (page[^1].Store, page[^1].Date);
        }
    }

    /// <summary>
    /// One store date, in one transaction under the store's row lock (so no batch of the store commits in between):
    /// judged complete as the reports judge it, and its raw events deleted only when there are exactly as many as the
    /// row counts.
    /// </summary>
    private async Task<bool> DeleteIfCompleteAsync(string store, DateOnly date, CancellationToken cancellationToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        // The lock first, in a statement of its own: the read after it then sees every batch committed before.
        if (!await DayFigures.LockStoreAsync(conn, tx, store, cancellationToken))
        {
            return false;
        }
        int events;
        await using (var cmd = new NpgsqlCommand(DayUnderLock, conn, tx))
        {
            cmd.Parameters.AddWithValue(store);
            cmd.Parameters.AddWithValue(date);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(2))
            {
                return false;
            }
            events = reader.GetInt32(4);
            var seal = SealReading.Read(reader.GetInt64(2), reader.GetString(3));
            if (seal is null || !DayCompleteness.Judge(reader.GetInt64(0), reader.GetInt64(1), events, seal).Complete)
            {
                return false;
            }
        }
        await using (var delete = new NpgsqlCommand("delete from store_journal where store_id = $1 and business_date = $2", conn, tx))
        {
            delete.Parameters.AddWithValue(store);
            delete.Parameters.AddWithValue(date);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) != events)
            {
                // The row does not count what the journal holds: leave both for the rebuild to look at.
                await tx.RollbackAsync(cancellationToken);
                return false;
            }
        }
        await using (var mark = new NpgsqlCommand(
            "update store_day_figures set raw_deleted_at = now() where store_id = $1 and business_date = $2", conn, tx))
        {
            mark.Parameters.AddWithValue(store);
            mark.Parameters.AddWithValue(date);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return true;
    }
}
