using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Pos.Grains.Journal;

namespace Pos.Cloud.Stores;

/// <summary>
/// The body of POST /cloud/v1/stores/{id}/journal as a store writes it: <c>{headSeq?, events: [...]}</c>, each
/// event's data written as the raw JSON the journal holds. The appliance and the benchmark's stores write it
/// with this; the cloud reads it as a <c>JournalBatchRequest</c>.
/// </summary>
public static class JournalBatch
{
    public static byte[] Write(IEnumerable<JournalEntry> events, long? headSeq)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (headSeq is { } head)
            {
                w.WriteNumber("headSeq", head);
            }
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteNumber("seq", e.Seq);
                w.WriteString("eventId", e.EventId);
                w.WriteString("streamId", e.StreamId);
                w.WriteNumber("streamVersion", e.StreamVersion);
                w.WriteString("type", e.Type);
                w.WriteString("occurredAt", e.OccurredAt);
                w.WriteString("deviceId", e.DeviceId);
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
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
