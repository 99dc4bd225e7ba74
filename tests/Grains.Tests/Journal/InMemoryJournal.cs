using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Grains.Journal;
using Pos.Grains.Printing;

namespace Pos.Grains.Tests.Journal;

/// <summary>
/// The journal members the grains use, in memory: appends with the stream-version check, a gapless seq and the
/// answer kept with the events, stream reads, order numbers and a printer's print jobs. A test can make the next
/// appends fail as an outage would.
/// </summary>
internal sealed class InMemoryJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, KeptAnswer> _kept = new(StringComparer.Ordinal);
    private int _unavailableAppends;
    private string? _unavailableFor;

    /// <summary>
    /// The next <paramref name="count"/> appends of an event of type <paramref name="eventType"/> throw
    /// <see cref="JournalUnavailableException"/> and write nothing, as the database going away would.
    /// </summary>
    public void FailNextAppends(int count, string eventType)
    {
        lock (_gate)
        {
            (_unavailableAppends, _unavailableFor) = (count, eventType);
        }
    }

    public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_unavailableAppends > 0 && append.Events.Any(e => e.Type == _unavailableFor))
            {
                _unavailableAppends--;
                throw new JournalUnavailableException("the test took the journal away", new IOException("connection refused"));
            }
            var version = _entries.Count(e => e.StreamId == append.StreamId);
            if (version != append.ExpectedVersion || append.Linked.Any(l => _entries.Count(e => e.StreamId == l.StreamId) != l.ExpectedVersion))
            {
                return Task.FromResult(AppendResult.Conflict(version));
            }
            if (append.Response is { } answer && !_kept.TryAdd(answer.Key, answer with { StreamId = append.StreamId }))
            {
                return Task.FromResult(new AppendResult(AppendOutcome.IdempotencyKeyTaken, 0, 0, version));
            }
            var first = _entries.Count + 1;
            foreach (var e in append.Events)
            {
                version++;
                _entries.Add(new JournalEntry(_entries.Count + 1, e.EventId, append.StreamId, version, e.Type, append.OccurredAt,
                    append.DeviceId, append.BusinessDate, e.Data));
            }
            foreach (var linked in append.Linked)
            {
                var linkedVersion = linked.ExpectedVersion;
                foreach (var e in linked.Events)
                {
                    _entries.Add(new JournalEntry(_entries.Count + 1, e.EventId, linked.StreamId, ++linkedVersion, e.Type, append.OccurredAt,
                        append.DeviceId, linked.BusinessDate, e.Data));
                }
            }
            return Task.FromResult(new AppendResult(AppendOutcome.Appended, first, _entries.Count, version));
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>([.. _entries.Where(e => e.StreamId == streamId)]);
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadPrintJobsAsync(string printerId, int recent, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var streams = _entries
                .Where(e => PrintingEvents.FromJournal(e.Type, e.Data) switch
                {
                    PrintJobQueued q => q.PrinterId == printerId,
                    PrintJobFailedOver f => f.PrinterId == printerId,
                    _ => false,
                })
                .Select(e => e.StreamId)
                .ToHashSet(StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<JournalEntry>>([.. _entries.Where(e => streams.Contains(e.StreamId))]);
        }
    }

    /// <summary>Appends a new job queued for its printer, as a fire would; returns its seq.</summary>
    public long Queue(PrintJobQueued queued, DateTimeOffset at) =>
        AppendAsync(new StreamAppend(PrintingEvents.StreamOf(queued.JobId), 0, [PrintingEvents.ToNew(queued)], at, "test", null)).Result.FirstSeq;

    /// <summary>Appends one more event to a job's stream (test set-up of a job's history).</summary>
    public void Append(Guid jobId, PrintingEvent e, DateTimeOffset at)
    {
        var stream = PrintingEvents.StreamOf(jobId);
        int version;
        lock (_gate)
        {
            version = _entries.Count(x => x.StreamId == stream);
        }
        Assert.Equal(AppendOutcome.Appended, AppendAsync(new StreamAppend(stream, version, [PrintingEvents.ToNew(e)], at, "test", null)).Result.Outcome);
    }

    /// <summary>The printing events of one job, in order.</summary>
    public IReadOnlyList<PrintingEvent> EventsOf(Guid jobId)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.StreamId == PrintingEvents.StreamOf(jobId)).Select(e => PrintingEvents.FromJournal(e.Type, e.Data))];
        }
    }

    public Task<JournalPage> ReadAsync(long after, int limit, CancellationToken cancellationToken = default) => throw NotUsed();

    public Task<IReadOnlyList<JournalEntry>> ReadBusinessDateAsync(DateOnly businessDate, CancellationToken cancellationToken = default) => throw NotUsed();

    public Task<IReadOnlyList<JournalEntry>> ReadOrdersAsync(OrderFilter filter, CancellationToken cancellationToken = default) => throw NotUsed();

    public Task<int> MaxOrderNumberAsync(DateOnly businessDate, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries
                .Where(e => e.Type == nameof(OrderOpened) && e.BusinessDate == businessDate)
                .Select(e => ((OrderOpened)OrderEvents.FromJournal(e.Type, e.Data)).Number)
                .DefaultIfEmpty(0)
                .Max());
        }
    }

    public Task<KeptAnswer?> FindResponseAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_kept.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyDictionary<string, KeptAnswer>> FindResponsesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        throw NotUsed();

    public Task<KeptAnswer> RememberResponseAsync(KeptAnswer response, string streamId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        throw NotUsed();

    public Task<long> HeadSeqAsync(CancellationToken cancellationToken = default) => throw NotUsed();

    private static NotSupportedException NotUsed() => new("The grains do not use this journal member.");
}
