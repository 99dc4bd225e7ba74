using Pos.Contracts.Journal;

namespace Pos.Grains.Journal;

/// <summary>
/// The store journal: append-only, gapless per-store sequence, the truth every other view derives from. One store
/// keeps it (the appliance's PostgreSQL); each reader depends on the part it uses: <see cref="IJournalStreams"/>
/// (what a grain appends and rebuilds from), <see cref="IJournalFeed"/> (the journal in seq order: sync, reports, the
/// journal route), <see cref="IJournalLookups"/> (lookups across streams) and <see cref="IKeptAnswerStore"/> (the
/// answers kept for repeated commands).
/// </summary>
public interface IJournal : IJournalStreams, IJournalFeed, IJournalLookups, IKeptAnswerStore;

/// <summary>Streams: appends are durable when the returned task completes.</summary>
public interface IJournalStreams
{
    /// <summary>Appends a stream's events atomically; completes after the transaction committed.</summary>
    Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default);

    /// <summary>All events of one stream in version order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default);
}

/// <summary>The journal in seq order.</summary>
public interface IJournalFeed
{
    /// <summary>Up to <paramref name="limit"/> events with seq greater than <paramref name="after"/>.</summary>
    Task<JournalPage> ReadAsync(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every event that counts for a business date, in seq order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadBusinessDateAsync(DateOnly businessDate, CancellationToken cancellationToken = default);

    /// <summary>The seq of the last committed event, 0 for an empty journal.</summary>
    Task<long> HeadSeqAsync(CancellationToken cancellationToken = default);
}

/// <summary>Lookups across streams: the order list, order numbers, a printer's jobs.</summary>
public interface IJournalLookups
{
    /// <summary>Events of the order streams matching a filter, in seq order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadOrdersAsync(OrderFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The highest order number used on a business date, 0 if none.</summary>
    Task<int> MaxOrderNumberAsync(DateOnly businessDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event of the print-job streams that were queued for, or moved to, a printer: all of its unfinished
    /// jobs and its <paramref name="recent"/> latest ones, in seq order.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadPrintJobsAsync(string printerId, int recent, CancellationToken cancellationToken = default);
}

/// <summary>The answers kept for repeated commands (docs/CONFLICTS.md).</summary>
public interface IKeptAnswerStore
{
    /// <summary>The answer kept under a command's key, or null.</summary>
    Task<KeptAnswer?> FindResponseAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The answers kept under any of <paramref name="keys"/>, in one read (a device's batch of commands).</summary>
    Task<IReadOnlyDictionary<string, KeptAnswer>> FindResponsesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the answer of a command that wrote no events (a duplicate, a conflict, a rejection) under its key, unless
    /// the key has an answer already; returns the answer now stored, the first one.
    /// </summary>
    Task<KeptAnswer> RememberResponseAsync(KeptAnswer response, string streamId, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// Which orders to read: by business date, open or closed, the <c>Limit</c> newest by when they were opened, all
/// opened before journal seq <c>BeforeSeq</c> when it is given (the next page of a list).
/// </summary>
public sealed record OrderFilter(DateOnly? BusinessDate, bool? Closed, int Limit, long? BeforeSeq = null);
