using Pos.Contracts.Journal;

namespace Pos.Cloud.Stores;

/// <summary>
/// Carries a <see cref="JournalEntry"/> (a Contracts type, free of Orleans) to a store's grain on another silo. On a
/// local call the events are passed as they are (<see cref="IStoreGrain.Ingest"/> marks them immutable).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.journal-entry")]
public readonly record struct JournalEntrySurrogate(
    [property: Id(0)] long Seq,
    [property: Id(1)] Guid EventId,
    [property: Id(2)] string StreamId,
    [property: Id(3)] int StreamVersion,
    [property: Id(4)] string Type,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] string DeviceId,
    [property: Id(7)] DateOnly? BusinessDate,
    [property: Id(8)] string Data,
    [property: Id(9)] DateTimeOffset? IssuedAt,
    [property: Id(10)] string? EmployeeId = null,
    [property: Id(11)] string? ApprovedBy = null);

/// <summary>Converts a <see cref="JournalEntry"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class JournalEntryConverter : IConverter<JournalEntry, JournalEntrySurrogate>
{
    public JournalEntry ConvertFromSurrogate(in JournalEntrySurrogate s) =>
        new(s.Seq, s.EventId, s.StreamId, s.StreamVersion, s.Type, s.OccurredAt, s.DeviceId, s.BusinessDate, s.Data) { IssuedAt = s.IssuedAt, EmployeeId = s.EmployeeId, ApprovedBy = s.ApprovedBy };

    public JournalEntrySurrogate ConvertToSurrogate(in JournalEntry e) =>
        new(e.Seq, e.EventId, e.StreamId, e.StreamVersion, e.Type, e.OccurredAt, e.DeviceId, e.BusinessDate, e.Data, e.IssuedAt, e.EmployeeId, e.ApprovedBy);
}
