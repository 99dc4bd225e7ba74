using System.Text.Json;

namespace Pos.Contracts.Cloud;

/// <summary>
/// One event of a store's journal in POST /cloud/v1/stores/{storeId}/journal, as the appliance's journal API shows
/// it. <c>data</c> is kept as the JSON it was sent as, and the cloud stores it as it is. <c>employeeId</c> (the person
/// signed in on the device) and <c>approvedBy</c> (the approving manager) are sent only when there is one.
/// </summary>
public sealed record JournalEventRequest(
    long Seq, Guid EventId, string? StreamId, int StreamVersion, string? Type, DateTimeOffset OccurredAt,
    string? DeviceId, DateOnly? BusinessDate, JsonElement Data, string? EmployeeId = null, string? ApprovedBy = null);

/// <summary>
/// A batch of consecutive events, and the store's journal head (its last seq) when it sent them. The appliance
/// writes it with <see cref="Sync.JournalBatch"/>; the cloud reads it as this record.
/// </summary>
public sealed record JournalBatchRequest(IReadOnlyList<JournalEventRequest?>? Events, long? HeadSeq = null);

/// <summary>The cloud's answer to an accepted batch: it holds the store's journal through <see cref="AckedSeq"/>.</summary>
public sealed record IngestAck(long AckedSeq);
