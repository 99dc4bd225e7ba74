using System.Text.Json;

namespace Pos.Contracts.Journal;

/// <summary>
/// One journal event as served over HTTP. <c>issuedAt</c> is the device's own clock when it issued the command
/// (commands sent in a batch after being queued offline), null when the device did not say. <c>employeeId</c> is the
/// person signed in on the device (a staff session), <c>approvedBy</c> the manager who approved the change; null when
/// none was.
/// </summary>
public sealed record JournalEventResponse(
    long Seq, Guid EventId, string StreamId, int StreamVersion, string Type, DateTimeOffset OccurredAt,
    string DeviceId, DateOnly? BusinessDate, JsonElement Data, DateTimeOffset? IssuedAt)
{
    public string? EmployeeId { get; init; }

    public string? ApprovedBy { get; init; }
}

/// <summary>
/// A page of the journal: events in seq order, gapless. <c>lastSeq</c> is the cursor of the next page (send it as
/// <c>after</c>): the seq of the last event given, never beyond <c>headSeq</c>, the last event written;
/// <c>hasMore</c> says whether events after <c>lastSeq</c> were written already.
/// </summary>
public sealed record JournalResponse(IReadOnlyList<JournalEventResponse> Events, long LastSeq, long HeadSeq, bool HasMore = false);
