using Npgsql;
using Pos.Appliance.Database;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;
using Pos.Grains.Clock;
using Pos.Grains.Journal;

namespace Pos.Appliance.Sync;

/// <summary>
/// Seals business dates that are over: the store clock is past the date's end plus <see cref="Grace"/>, and
/// every order opened on it is closed. The seal records how many events the date has and the seq of the last;
/// the journal writer commits it only if no event of the date came after that seq, and from then on refuses
/// every append for the date (business-day-sealed). So the count is final, and the cloud can check against it.
/// A date with an order left open is not sealed (its report may still change) until that order closes.
/// </summary>
public sealed class DaySealer(IJournal journal, PosDatabase database, StoreClock clock, TimeProvider time)
{
    /// <summary>
    /// How long after a date's end it is sealed: time for a command that began before the end to commit (one that
    /// commits later still is refused by the journal, never counted behind the seal's back).
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private const int MaxDatesPerRun = 400;

    /// <summary>Every date up to this one is sealed: nothing to look at until the store clock passes the next one.</summary>
    private DateOnly? _settledThrough;

    /// <summary>When a date was left unsealed (an order of it still open): when to look again.</summary>
    private DateTimeOffset _recheckAt;

    /// <summary>
    /// Appends the seals that are due; returns how many. Cheap when nothing is due: no query until the store
    /// clock passes another date's end, or a minute after a date was found with an order still open.
    /// </summary>
    public async Task<int> SealDueAsync(CancellationToken cancellationToken)
    {
        var lastDue = clock.BusinessDateOf(clock.Time.GetUtcNow() - Grace).AddDays(-1);
        if ((_settledThrough is { } settled && settled >= lastDue) || time.GetUtcNow() < _recheckAt)
        {
            return 0;
        }
        return await SealAsync(lastDue, cancellationToken);
    }

    private async Task<int> SealAsync(DateOnly lastDue, CancellationToken cancellationToken)
    {
        var stream = await journal.ReadStreamAsync(BusinessDaySealed.StreamId, cancellationToken);
        var sealedDates = new HashSet<DateOnly>();
        foreach (var e in stream)
        {
            sealedDates.Add(System.Text.Json.JsonSerializer.Deserialize<BusinessDaySealed>(e.Data, EventJson.Options)!.BusinessDate);
        }
        // Every date up to the first one not sealed yet is settled; look from there on.
        var first = await FirstDateAsync(cancellationToken);
        if (first is not { } from)
        {
            _settledThrough = lastDue;
            return 0;
        }
        while (from <= lastDue && sealedDates.Contains(from))
        {
            from = from.AddDays(1);
        }
        if (from > lastDue)
        {
            _settledThrough = lastDue;
            return 0;
        }
        var to = from.AddDays(MaxDatesPerRun) < lastDue ? from.AddDays(MaxDatesPerRun) : lastDue;
        var stats = await StatsAsync(from, to, cancellationToken);
        var seals = new List<NewEvent>();
        var barriers = new List<DaySeal>();
        var blocked = false;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var (count, lastSeq, open) = stats.GetValueOrDefault(date);
            if (open > 0)
            {
                blocked = true;
                continue;
            }
            if (sealedDates.Contains(date))
            {
                continue;
            }
            seals.Add(new NewEvent(Guid.CreateVersion7(), BusinessDaySealed.Type, EventJson.Serialize(new BusinessDaySealed(date, count, lastSeq))));
            barriers.Add(new DaySeal(date, lastSeq));
        }
        var appended = 0;
        if (seals.Count > 0)
        {
            var version = stream.Count == 0 ? 0 : stream[^1].StreamVersion;
            // The journal takes the seals only if no event of their dates came after the counted ones, and none after.
            var result = await journal.AppendAsync(
                new StreamAppend(BusinessDaySealed.StreamId, version, seals, clock.Now(), "appliance", BusinessDate: null) { Seals = barriers },
                cancellationToken);
            // A conflict means an event of a date came in after it was counted (or another run sealed): the next run looks again.
            appended = result.Outcome == AppendOutcome.Appended ? seals.Count : 0;
        }
        if (blocked || to < lastDue || appended < seals.Count)
        {
            _recheckAt = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        }
        else
        {
            _settledThrough = lastDue;
        }
        return appended;
    }

    private Task<DateOnly?> FirstDateAsync(CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(ReadFirstDateAsync(cancellationToken), database.DataSource);

    private async Task<DateOnly?> ReadFirstDateAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select min(business_date) from journal where business_date is not null");
        return await cmd.ExecuteScalarAsync(cancellationToken) is DateOnly date ? date : null;
    }

    private Task<Dictionary<DateOnly, (long Count, long LastSeq, long Open)>> StatsAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(ReadStatsAsync(from, to, cancellationToken), database.DataSource);

    private async Task<Dictionary<DateOnly, (long Count, long LastSeq, long Open)>> ReadStatsAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            select business_date, count(*), max(seq),
                   count(*) filter (where type = 'OrderOpened') - count(*) filter (where type = 'OrderClosed')
            from journal where business_date between $1 and $2
            group by business_date
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to });
        var stats = new Dictionary<DateOnly, (long, long, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats[reader.GetFieldValue<DateOnly>(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return stats;
    }
}
