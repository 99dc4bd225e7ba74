namespace Pos.Contracts.Journal;

/// <summary>An event not yet written: its id, type name and JSON.</summary>
public sealed record NewEvent(Guid EventId, string Type, string Data);
