using Pos.Contracts.Journal;

namespace Pos.Grains.Journal;

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
    KeptAnswer? Response = null)
{
    /// <summary>
    /// Other streams written in the same transaction, each on the condition that it is at its own expected
    /// version (e.g. the print jobs a fire creates: if the fire committed, its jobs exist). Their events take the
    /// seqs right after this stream's own, in list order.
    /// </summary>
    public IReadOnlyList<LinkedAppend> Linked { get; init; } = [];

    /// <summary>The device's own time for the command (recorded on each event as <c>issued_at</c>), when it said.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The person signed in on the device that sent the command (recorded on each event as <c>employee_id</c>), when one was.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>The manager who approved the command (recorded on each event as <c>approved_by</c>), when it needed approval.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>
    /// Business dates this append seals (it writes their BusinessDaySealed events). It commits only if no event of
    /// a date came after the seal's <see cref="DaySeal.LastSeq"/>; once it has, the journal takes no more events for
    /// those dates (<see cref="AppendOutcome.DaySealed"/>). So a sealed date's events are final, and the seal says
    /// exactly how many there are.
    /// </summary>
    public IReadOnlyList<DaySeal> Seals { get; init; } = [];

    /// <summary>
    /// Only an answer to keep, for a command that wrote nothing (a duplicate, a conflict): committed by the same
    /// writer as the events, so its key is checked against every other answer's.
    /// </summary>
    public bool IsRecordOnly => Events.Count == 0 && Linked.Count == 0 && Response is not null;

    public static StreamAppend RecordOnly(string streamId, KeptAnswer response, DateTimeOffset at) =>
        new(streamId, ExpectedVersion: 0, [], at, DeviceId: "", BusinessDate: null, response);
}

/// <summary>A business date sealed, with the seq of its last event (0 when it had none).</summary>
public sealed record DaySeal(DateOnly BusinessDate, long LastSeq);

/// <summary>
/// Events for another stream, committed with a <see cref="StreamAppend"/> or not at all. They count for no business
/// date, unless <see cref="BusinessDate"/> says (another order's events, of a command across orders): then that date
/// must not be sealed, or the whole append is refused (<see cref="AppendOutcome.DaySealed"/>).
/// </summary>
public sealed record LinkedAppend(string StreamId, int ExpectedVersion, IReadOnlyList<NewEvent> Events)
{
    public DateOnly? BusinessDate { get; init; }
}

/// <summary>
/// The first answer to a repeatable command (a request's Idempotency-Key or a device's command id), kept under its
/// <paramref name="Key"/> with the events the command caused, or alone when it caused none, to answer its repeats.
/// <paramref name="Fingerprint"/> tells a repeat from another command under the same key; <paramref name="Outcome"/>
/// is the command's outcome as the sync contract spells it, when one was decided. An empty <paramref name="Body"/>
/// with a <paramref name="Version"/> is a stream's answer kept by reference: the stream's view at that version,
/// rebuilt from its events when the answer is given again, so a kept answer costs the same whatever the size of
/// the order. How an answer is spoken (status, headers) is the API's business, not the journal's.
/// </summary>
public sealed record KeptAnswer(string Key, byte[] Fingerprint, string Body, int? Version, string? Outcome = null)
{
    /// <summary>The stream the answer is about (set when read back).</summary>
    public string? StreamId { get; init; }

    /// <summary>The version whose view is the answer, when the body is kept by reference; else null.</summary>
    public int? KeptByVersion => Body.Length == 0 ? Version : null;
}

public enum AppendOutcome
{
    Appended,
    VersionConflict,
    IdempotencyKeyTaken,

    /// <summary>The append's business date is sealed: the day is over and its events are final.</summary>
    DaySealed,

    /// <summary>The database refused the append's data (a value it cannot store); nothing of it was written.</summary>
    Refused,
}

/// <summary>
/// What became of an append; on success the seq range it was given; when <see cref="AppendOutcome.Refused"/>, the
/// database's <c>Reason</c>.
/// </summary>
public sealed record AppendResult(AppendOutcome Outcome, long FirstSeq, long LastSeq, int StreamVersion, string? Reason = null)
{
    public static AppendResult Conflict(int actualVersion) => new(AppendOutcome.VersionConflict, 0, 0, actualVersion);

    public static AppendResult Refused(string reason) => new(AppendOutcome.Refused, 0, 0, 0, reason);
}
