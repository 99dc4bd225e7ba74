using System.Globalization;

namespace Pos.Api.Events;

/// <summary>
/// Where a reader's event stream starts and what it carries, read from the request: after the seq of
/// <c>Last-Event-ID</c> (an EventSource sends it again on reconnect, so it wins over <c>after</c>), else after
/// <c>after</c>, else at the head (<see cref="After"/> null: only events written from now on); the stream kinds of
/// <c>streams=</c> (null: every kind).
/// </summary>
public sealed record EventStreamStart(long? After, IReadOnlySet<string>? Kinds)
{
    /// <summary>How many kinds a <c>streams=</c> may name, so a request cannot make every event cost a long scan.</summary>
    public const int MaxKinds = 16;

    /// <summary>The start of the stream, or the field that is wrong and why (a 400 problem).</summary>
    public static (EventStreamStart? Start, string? Field, string? Error) Parse(long? after, string? lastEventId, string? streams)
    {
        long? start = null;
        if (!string.IsNullOrWhiteSpace(lastEventId))
        {
            if (!long.TryParse(lastEventId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return (null, "Last-Event-ID", "Last-Event-ID must be the id of an event this stream sent: a seq of 0 or more.");
            }
            start = seq;
        }
        else if (after is { } given)
        {
            if (given < 0)
            {
                return (null, "after", "after must be a seq of 0 or more.");
            }
            start = given;
        }
        if (streams is null)
        {
            return (new EventStreamStart(start, null), null, null);
        }
        var kinds = streams.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (kinds.Count > MaxKinds || kinds.Any(k => !StreamKinds.IsKnown(k)))
        {
            return (null, "streams", $"streams must list stream kinds separated by commas, among: {string.Join(", ", StreamKinds.All)}.");
        }
        return (new EventStreamStart(start, kinds), null, null);
    }
}
