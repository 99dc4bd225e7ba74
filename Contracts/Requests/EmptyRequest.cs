namespace Pos.Contracts.Requests;

/// <summary>An empty body, for commands that need none.</summary>
public sealed record EmptyRequest;
