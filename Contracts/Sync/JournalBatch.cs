using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pos.Contracts.Journal;

namespace Pos.Contracts.Sync;

/// <summary>
/// The body of POST /cloud/v1/stores/{id}/journal as a store writes it: <c>{headSeq?, events: [...]}</c>, each
/// event's data written as the raw JSON the journal holds. The appliance and the benchmark's stores write it
/// with this; the cloud reads it as a <c>JournalBatchRequest</c>.
/// </summary>
public static class JournalBatch
{
    /// <summary>
    /// The largest body the cloud takes (4 MiB). A store sends the events that fit, at least one; the cloud refuses a
    /// larger body with 413 before reading it.
    /// </summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Every event of <paramref name="events"/> in one body, however large.</summary>
    public static byte[] Write(IEnumerable<JournalEntry> events, long? headSeq) =>
        Write([.. events], headSeq, int.MaxValue, out _);

    /// <summary>
    /// The first events of <paramref name="events"/> whose body stays within <paramref name="maxBytes"/>, at least one
    /// (a single event larger than that goes alone); <paramref name="count"/> says how many.
    /// </summary>
    public static byte[] Write(IReadOnlyList<JournalEntry> events, long? headSeq, int maxBytes, out int count)
    {
        var prefix = Encoding.ASCII.GetBytes(headSeq is { } head
            ? $"{{\"headSeq\":{head.ToString(CultureInfo.InvariantCulture)},\"events\":["
            : "{\"events\":[");
        ReadOnlySpan<byte> suffix = "]}"u8;
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        body.Write(prefix);
        var scratch = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(scratch);
        count = 0;
        foreach (var e in events)
        {
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            WriteEvent(writer, e);
            writer.Flush();
            var separator = count == 0 ? 0 : 1;
            if (count > 0 && (long)body.WrittenCount + separator + scratch.WrittenCount + suffix.Length > maxBytes)
            {
                break;
            }
            if (separator == 1)
            {
                body.Write(","u8);
            }
            body.Write(scratch.WrittenSpan);
            count++;
        }
        body.Write(suffix);
        return body.WrittenSpan.ToArray();
    }

    private static void WriteEvent(Utf8JsonWriter w, JournalEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        w.WriteString("eventId", e.EventId);
        w.WriteString("streamId", e.StreamId);
        w.WriteNumber("streamVersion", e.StreamVersion);
        w.WriteString("type", e.Type);
        w.WriteString("occurredAt", e.OccurredAt);
        w.WriteString("deviceId", e.DeviceId);
        // Only when there is one: a batch of a store without people reads as it always did.
        if (e.EmployeeId is { } employee)
        {
            w.WriteString("employeeId", employee);
        }
        if (e.ApprovedBy is { } approver)
        {
            w.WriteString("approvedBy", approver);
        }
        if (e.BusinessDate is { } date)
        {
            w.WriteString("businessDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("businessDate");
        }
        w.WritePropertyName("data");
        w.WriteRawValue(e.Data, skipInputValidation: true);
        w.WriteEndObject();
    }
}
