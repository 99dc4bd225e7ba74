using System.Globalization;

namespace Pos.Client.Live;

/// <summary>One message of a text/event-stream: its type (<c>message</c> when the stream named none), its data lines
/// joined with line feeds, and the last event id the stream had given when it came.</summary>
public sealed record ServerSentEvent(string Type, string Data, string? LastEventId);

/// <summary>
/// The text/event-stream format read a line at a time (the reader splits lines at CR, LF or CRLF): fields <c>id</c>,
/// <c>event</c>, <c>data</c> and <c>retry</c>, comment lines (<c>:</c>) ignored, one space after the colon dropped, a
/// blank line ends a message. An <c>id</c> counts even on a message without data: the appliance opens each stream with
/// one, the seq it starts after, so a reconnect before any event resumes there. Pure state, no I/O: tested alone.
/// </summary>
public sealed class ServerSentEventParser
{
    private readonly List<string> _data = [];
    private string? _type;
    // The id of the message being read: it becomes LastEventId only when the message is complete, so a drop between
    // its id line and its end resumes before it, never after it.
    private string? _pendingId;

    /// <summary>The last id the stream gave (sent back as Last-Event-ID on reconnect); null before any.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>How long the stream asked a reader to wait before reconnecting; null while it did not say.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Takes one line without its terminator; returns the message a blank line completes, else null.</summary>
    public ServerSentEvent? Line(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return Dispatch();
        }
        if (line[0] == ':')
        {
            return null; // a comment: a keep-alive
        }
        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == ' ')
        {
            value = value[1..];
        }
        switch (field)
        {
            case "data":
                _data.Add(value.ToString());
                break;
            case "event":
                _type = value.ToString();
                break;
            case "id":
                if (!value.Contains('\0'))
                {
                    _pendingId = value.ToString();
                }
                break;
            case "retry":
                if (!value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9')
                    && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                {
                    Retry = TimeSpan.FromMilliseconds(ms);
                }
                break;
            default:
                break; // a field this reader does not know is ignored, as the format asks
        }
        return null;
    }

    /// <summary>Forgets a message cut short (the connection dropped mid-message), its id too; the last complete id and retry stay.</summary>
    public void Reset()
    {
        _data.Clear();
        _type = null;
        _pendingId = null;
    }

    private ServerSentEvent? Dispatch()
    {
        if (_pendingId is not null)
        {
            LastEventId = _pendingId;
            _pendingId = null;
        }
        if (_data.Count == 0)
        {
            _type = null;
            return null;
        }
        var message = new ServerSentEvent(string.IsNullOrEmpty(_type) ? "message" : _type, string.Join('\n', _data), LastEventId);
        Reset();
        return message;
    }
}
