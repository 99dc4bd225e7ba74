using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Journal;

namespace Pos.Bench.Cloud;

/// <summary>A journal entry as a row of a binary COPY into store_journal's columns, in the order the COPYs name them.</summary>
internal static class JournalRows
{
    /// <summary>
    /// Starts a row and writes store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id,
    /// business_date and data; a caller naming more columns writes them after.
    /// </summary>
    public static async Task WriteAsync(NpgsqlBinaryImporter import, string storeId, JournalEntry e, CancellationToken cancellationToken)
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
    }
}
