using Npgsql;
using Pos.Appliance.Database;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Journal;

/// <summary>
/// The store journal in the appliance's PostgreSQL: appends through the group-commit writer, reads pooled. A database
/// that is not answering comes out of every method as <see cref="JournalUnavailableException"/> (the writer's own
/// failures already do), so a grain or a route sees one kind of outage whatever it was doing.
/// </summary>
public sealed class PostgresJournal(NpgsqlDataSource db, JournalWriter writer) : IJournal
{
    private const string Columns =
        "seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data::text, issued_at, employee_id, approved_by";

    public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default) =>
        writer.AppendAsync(append);

    public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
        Guard(QueryAsync($"select {Columns} from journal where stream_id = $1 order by stream_version", [streamId], cancellationToken));

    public Task<JournalPage> ReadAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        Guard(ReadPageAsync(after, limit, cancellationToken));

    private async Task<JournalPage> ReadPageAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var events = await QueryAsync($"select {Columns} from journal where seq > $1 order by seq limit $2", [after, limit], cancellationToken);
        var head = await HeadSeqAsync(cancellationToken);
        return new JournalPage(events, events.Count > 0 ? events[^1].Seq : after, head);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadBusinessDateAsync(DateOnly businessDate, CancellationToken cancellationToken = default) =>
        Guard(QueryAsync($"select {Columns} from journal where business_date = $1 order by seq", [businessDate], cancellationToken));

    public Task<IReadOnlyList<JournalEntry>> ReadOrdersAsync(OrderFilter filter, CancellationToken cancellationToken = default) =>
        Guard(QueryAsync($"""
            with chosen as (
                select o.stream_id from journal o
                where o.type = 'OrderOpened'
                  and ($1::date is null or o.business_date = $1::date)
                  and ($2::boolean is null or $2::boolean = exists (
                        select 1 from journal c where c.stream_id = o.stream_id and c.type = 'OrderClosed'))
                  and ($4::bigint is null or o.seq < $4::bigint)
                order by o.seq desc
                limit $3)
            select {Columns} from journal j where j.stream_id in (select stream_id from chosen) order by j.seq
            """,
            [filter.BusinessDate.HasValue ? filter.BusinessDate.Value : DBNull.Value,
             filter.Closed.HasValue ? filter.Closed.Value : DBNull.Value,
             filter.Limit,
             filter.BeforeSeq.HasValue ? filter.BeforeSeq.Value : DBNull.Value],
            cancellationToken));

    // The lateral joins keep every lookup an index probe, whatever plan a prepared statement settles on.
    public Task<IReadOnlyList<JournalEntry>> ReadPrintJobsAsync(string printerId, int recent, CancellationToken cancellationToken = default) =>
        Guard(QueryAsync("""
            with touched as (
                select t.stream_id, min(t.seq) as first_seq from journal t
                where t.type in ('PrintJobQueued', 'PrintJobFailedOver') and t.data->>'printerId' = $1
                group by t.stream_id),
            chosen as (
                select stream_id from touched t
                where not exists (select 1 from journal d where d.stream_id = t.stream_id and d.type = 'PrintJobPrinted')
                  and not exists (select 1 from journal f where f.stream_id = t.stream_id and f.type = 'PrintJobFailed')
                union
                select stream_id from (select stream_id from touched order by first_seq desc limit $2) r)
            select j.seq, j.event_id, j.stream_id, j.stream_version, j.type, j.occurred_at, j.device_id, j.business_date, j.data::text, j.issued_at, j.employee_id, j.approved_by
            from chosen c cross join lateral (select * from journal e where e.stream_id = c.stream_id) j
            order by j.seq
            """,
            [printerId, recent],
            cancellationToken));

    public Task<int> MaxOrderNumberAsync(DateOnly businessDate, CancellationToken cancellationToken = default) =>
        Guard(ReadMaxOrderNumberAsync(businessDate, cancellationToken));

    private async Task<int> ReadMaxOrderNumberAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "select coalesce(max((data->>'number')::int), 0) from journal where type = 'OrderOpened' and business_date = $1");
        cmd.Parameters.AddWithValue(businessDate);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<KeptAnswer?> FindResponseAsync(string key, CancellationToken cancellationToken = default) =>
        (await FindResponsesAsync([key], cancellationToken)).GetValueOrDefault(key);

    public Task<IReadOnlyDictionary<string, KeptAnswer>> FindResponsesAsync(
        IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Guard(ReadResponsesAsync(keys, cancellationToken));

    private async Task<IReadOnlyDictionary<string, KeptAnswer>> ReadResponsesAsync(
        IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        // One round trip for all the keys; each is a probe of the primary key.
        await using var cmd = db.CreateCommand("""
            select i.key, i.request_hash, i.body, i.version, i.outcome, i.stream_id
            from unnest($1::text[]) as k(key) join idempotency i on i.key = k.key
            """);
        cmd.Parameters.AddWithValue(keys.ToArray());
        var found = new Dictionary<string, KeptAnswer>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new KeptAnswer(
                reader.GetString(0), (byte[])reader[1], reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            {
                StreamId = reader.IsDBNull(5) ? null : reader.GetString(5),
            };
        }
        return found;
    }

    public async Task<KeptAnswer> RememberResponseAsync(
        KeptAnswer response, string streamId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Through the journal's writer, like every kept answer: a concurrent first answer under the same key wins.
        var result = await writer.AppendAsync(StreamAppend.RecordOnly(streamId, response, at));
        // A refused record (the database cannot store the answer) is given as it is, unkept.
        return result.Outcome is AppendOutcome.Appended or AppendOutcome.Refused
            ? response
            : await FindResponseAsync(response.Key, cancellationToken)
                ?? throw new InvalidOperationException($"The answer kept under '{response.Key}' vanished as it was read.");
    }

    public Task<long> HeadSeqAsync(CancellationToken cancellationToken = default) => Guard(ReadHeadSeqAsync(cancellationToken));

    private async Task<long> ReadHeadSeqAsync(CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("select coalesce(max(seq), 0) from journal");
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private Task<T> Guard<T>(Task<T> call) => DatabaseOutage.GuardAsync(call, db);

    private async Task<IReadOnlyList<JournalEntry>> QueryAsync(string sql, object[] args, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new JournalEntry(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                reader.GetString(8))
            {
                IssuedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                EmployeeId = reader.IsDBNull(10) ? null : reader.GetString(10),
                ApprovedBy = reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }
        return list;
    }
}
