namespace Pos.Grains.Journal;

/// <summary>An event not yet written: its id, type name and JSON.</summary>
public sealed record NewEvent(Guid EventId, string Type, string Data);

/// <summary>
/// Events to append to one stream in one transaction, on the condition that the stream is still at
/// <paramref name="ExpectedVersion"/>, with the idempotency record of the request that caused them.
/// </summary>
public sealed record StreamAppend(
    string StreamId,
    int ExpectedVersion,
    IReadOnlyList<NewEvent> Events,
    DateTimeOffset OccurredAt,
    string DeviceId,
    DateOnly? BusinessDate,
    StoredResponse? Response = null)
{
    /// <summary>
    /// Other streams written in the same transaction, each on the condition that it is at its own expected
    /// version (e.g. the print jobs a fire creates: if the fire committed, its jobs exist). Their events take the
    /// seqs right after this stream's own, in list order.
    /// </summary>
    public IReadOnlyList<LinkedAppend> Linked { get; init; } = [];

    /// <summary>The device's own time for the command (recorded on each event as <c>issued_at</c>), when it said.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}

/// <summary>Events for another stream, committed with a <see cref="StreamAppend"/> or not at all. They count for no business date.</summary>
public sealed record LinkedAppend(string StreamId, int ExpectedVersion, IReadOnlyList<NewEvent> Events);

/// <summary>
/// The response first given to an Idempotency-Key (or to a device's command id), kept to answer its retries.
/// <paramref name="Outcome"/> is the command's outcome as the sync contract spells it, when one was decided.
/// </summary>
public sealed record StoredResponse(string Key, byte[] RequestHash, int Status, string Body, string? ETag, string? Outcome = null);

public enum AppendOutcome
{
    Appended,
    VersionConflict,
    IdempotencyKeyTaken,
}

/// <summary>What became of an append; on success the seq range it was given.</summary>
public sealed record AppendResult(AppendOutcome Outcome, long FirstSeq, long LastSeq, int StreamVersion)
{
    public static AppendResult Conflict(int actualVersion) => new(AppendOutcome.VersionConflict, 0, 0, actualVersion);
}
