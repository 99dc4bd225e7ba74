using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Journal;

/// <summary>Journal rows of one batch as column arrays, inserted with a single unnest statement.</summary>
internal sealed class JournalRows
{
    private readonly List<long> _seq = [];
    private readonly List<Guid> _eventId = [];
    private readonly List<string> _streamId = [];
    private readonly List<int> _version = [];
    private readonly List<string> _type = [];
    private readonly List<DateTime> _occurredAt = [];
    private readonly List<string> _deviceId = [];
    private readonly List<string?> _businessDate = [];
    private readonly List<string> _data = [];
    private readonly List<DateTime?> _issuedAt = [];
    private readonly List<string?> _employeeId = [];
    private readonly List<string?> _approvedBy = [];

    public int Count => _seq.Count;

    /// <summary>The events' types, in seq order.</summary>
    public IReadOnlyList<string> Types => _type;

    public void Add(long seq, NewEvent e, string streamId, int version, StreamAppend append, DateOnly? businessDate)
    {
        _seq.Add(seq);
        _eventId.Add(e.EventId);
        _streamId.Add(streamId);
        _version.Add(version);
        _type.Add(e.Type);
        _occurredAt.Add(append.OccurredAt.UtcDateTime);
        _deviceId.Add(append.DeviceId);
        _businessDate.Add(businessDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        _data.Add(e.Data);
        _issuedAt.Add(append.IssuedAt?.UtcDateTime);
        _employeeId.Add(append.EmployeeId);
        _approvedBy.Add(append.ApprovedBy);
    }

    public NpgsqlBatchCommand ToCommand()
    {
        var cmd = new NpgsqlBatchCommand("""
            insert into journal (seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, issued_at, employee_id, approved_by)
            select s, e, st, v, t, o, d, b::date, j::jsonb, i, em, ap
            from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) as x(s, e, st, v, t, o, d, b, j, i, em, ap)
            """);
        cmd.Parameters.Add(Array(_seq, NpgsqlDbType.Bigint));
        cmd.Parameters.Add(Array(_eventId, NpgsqlDbType.Uuid));
        cmd.Parameters.Add(Array(_streamId, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_version, NpgsqlDbType.Integer));
        cmd.Parameters.Add(Array(_type, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_occurredAt, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Array(_deviceId, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_businessDate, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_data, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_issuedAt, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Array(_employeeId, NpgsqlDbType.Text));
        cmd.Parameters.Add(Array(_approvedBy, NpgsqlDbType.Text));
        return cmd;
    }

    internal static NpgsqlParameter Array<T>(List<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}

/// <summary>Idempotency records of one batch, inserted with a single unnest statement.</summary>
internal sealed class ResponseRows
{
    private readonly List<string> _key = [];
    private readonly List<byte[]> _hash = [];
    private readonly List<string> _body = [];
    private readonly List<int?> _version = [];
    private readonly List<string> _streamId = [];
    private readonly List<long?> _firstSeq = [];
    private readonly List<string?> _outcome = [];
    private readonly List<DateTime> _createdAt = [];

    public int Count => _key.Count;

    /// <summary>A record kept from <paramref name="createdAt"/> (the store's clock: retention counts from it).</summary>
    public void Add(KeptAnswer r, string streamId, long? firstSeq, DateTimeOffset createdAt)
    {
        _outcome.Add(r.Outcome);
        _createdAt.Add(createdAt.UtcDateTime);
        _key.Add(r.Key);
        _hash.Add(r.Fingerprint);
        _body.Add(r.Body);
        _version.Add(r.Version);
        _streamId.Add(streamId);
        _firstSeq.Add(firstSeq);
    }

    public NpgsqlBatchCommand ToCommand()
    {
        var cmd = new NpgsqlBatchCommand("""
            insert into idempotency (key, request_hash, body, version, stream_id, first_seq, outcome, created_at)
            select * from unnest($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        cmd.Parameters.Add(JournalRows.Array(_key, NpgsqlDbType.Text));
        cmd.Parameters.Add(JournalRows.Array(_hash, NpgsqlDbType.Bytea));
        cmd.Parameters.Add(JournalRows.Array(_body, NpgsqlDbType.Text));
        cmd.Parameters.Add(JournalRows.Array(_version, NpgsqlDbType.Integer));
        cmd.Parameters.Add(JournalRows.Array(_streamId, NpgsqlDbType.Text));
        cmd.Parameters.Add(JournalRows.Array(_firstSeq, NpgsqlDbType.Bigint));
        cmd.Parameters.Add(JournalRows.Array(_outcome, NpgsqlDbType.Text));
        cmd.Parameters.Add(JournalRows.Array(_createdAt, NpgsqlDbType.TimestampTz));
        return cmd;
    }
}
