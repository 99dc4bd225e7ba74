namespace Pos.Contracts.Journal;

/// <summary>One committed event of the store journal.</summary>
/// <param name="Seq">Gapless, strictly increasing per store.</param>
/// <param name="EventId">Unique id of the event, kept across replay to the cloud.</param>
/// <param name="StreamId">The stream the event belongs to (an order, the menu, a printer).</param>
/// <param name="StreamVersion">The stream's version after this event (1 for its first event).</param>
/// <param name="Type">Event type name, e.g. LineAdded.</param>
/// <param name="OccurredAt">Store clock time of the change.</param>
/// <param name="DeviceId">The device that caused the change.</param>
/// <param name="BusinessDate">The business date the change counts for (orders), or null.</param>
/// <param name="Data">The event's JSON.</param>
public sealed record JournalEntry(
    long Seq,
    Guid EventId,
    string StreamId,
    int StreamVersion,
    string Type,
    DateTimeOffset OccurredAt,
    string DeviceId,
    DateOnly? BusinessDate,
    string Data)
{
    /// <summary>The device's own clock when it issued the command, if it said (a batch of commands queued offline).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The person signed in on the device (a staff session) when the change was made; null for a device alone.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>The manager whose approval the change carried, when it needed one; else null.</summary>
    public string? ApprovedBy { get; init; }
}

/// <summary>A page of the journal after a sequence number.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Events, long LastSeq, long HeadSeq);
