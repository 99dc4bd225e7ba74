using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Pos.Api.Journal;
using Pos.Contracts.Journal;

namespace Pos.Api.Events;

/// <summary>
/// The text/event-stream framing: each journal entry as <c>id: &lt;seq&gt;</c>, <c>event: &lt;type&gt;</c>,
/// <c>data: &lt;the entry's JSON on one line&gt;</c> and a blank line, written straight into the response's pipe (no
/// copy of the stream is kept). The entry's JSON is the journal route's, with the API's serializer options.
/// </summary>
public static class EventStreamWriter
{
    /// <summary>The opening: how long an EventSource waits before reconnecting, and the seq the stream starts after, so a
    /// reconnect before any event resumes there rather than at a later head.</summary>
    public static void WriteOpening(PipeWriter output, TimeSpan reconnect, long cursor)
    {
        Ascii(output, "retry: ");
        Ascii(output, ((long)reconnect.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        Ascii(output, "\nid: ");
        Ascii(output, cursor.ToString(CultureInfo.InvariantCulture));
        Ascii(output, "\n\n");
    }

    /// <summary>One event. JSON written without indentation has no line break (strings escape theirs), so it is one data line.</summary>
    public static void WriteEvent(PipeWriter output, JournalEntry entry, JsonSerializerOptions json)
    {
        Ascii(output, "id: ");
        Ascii(output, entry.Seq.ToString(CultureInfo.InvariantCulture));
        Ascii(output, "\nevent: ");
        Utf8(output, OneLine(entry.Type));
        Ascii(output, "\ndata: ");
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = json.Encoder }))
        {
            JsonSerializer.Serialize(writer, entry.ToResponse(), json);
        }
        Ascii(output, "\n\n");
    }

    /// <summary>A comment line: readers ignore it; proxies and phones see the connection is alive.</summary>
    public static void WriteKeepAlive(PipeWriter output) => Ascii(output, ": keep-alive\n\n");

    // An event type is a name of ours; a line break in one would end the field early, so none can pass.
    private static string OneLine(string type) => type.Contains('\n', StringComparison.Ordinal) || type.Contains('\r', StringComparison.Ordinal)
        ? type.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
        : type;

    private static void Ascii(PipeWriter output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    private static void Utf8(PipeWriter output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
