using Pos.Contracts.Journal;
using Pos.Contracts.Orders;


namespace Pos.Grains.Tests.Reports;

/// <summary>A store journal written the way the order grain writes it: gapless seq from 1, per-stream versions.</summary>
internal sealed class JournalOf
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 20, 0, 0, TimeSpan.FromHours(-5));
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, int> _versions = [];

    public IReadOnlyList<JournalEntry> Entries => _entries;

    public long LastSeq => _entries.Count;

    public JournalOf Order(Guid orderId, DateOnly businessDate, params OrderEvent[] events)
    {
        foreach (var e in events)
        {
            var written = OrderEvents.ToNew(e);
            Append(OrderEvents.StreamOf(orderId), written.Type, written.Data, businessDate, written.EventId);
        }
        return this;
    }

    public JournalOf Other(string streamId, string type, string data)
    {
        Append(streamId, type, data, businessDate: null, Guid.CreateVersion7());
        return this;
    }

    private void Append(string streamId, string type, string data, DateOnly? businessDate, Guid eventId)
    {
        var version = _versions.GetValueOrDefault(streamId) + 1;
        _versions[streamId] = version;
        _entries.Add(new JournalEntry(_entries.Count + 1, eventId, streamId, version, type, At, "till-1", businessDate, data));
    }
}
