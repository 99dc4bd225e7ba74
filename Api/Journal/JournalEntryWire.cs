using System.Text.Json;
using Pos.Contracts.Journal;

namespace Pos.Api.Journal;

/// <summary>A journal entry as every route serves it: the journal's pages and the event stream give the same shape.</summary>
public static class JournalEntryWire
{
    public static JournalEventResponse ToResponse(this JournalEntry e) => new(
        e.Seq, e.EventId, e.StreamId, e.StreamVersion, e.Type, e.OccurredAt, e.DeviceId, e.BusinessDate,
        JsonDocument.Parse(e.Data).RootElement.Clone(), e.IssuedAt)
    {
        EmployeeId = e.EmployeeId,
        ApprovedBy = e.ApprovedBy,
    };
}
