namespace Pos.Contracts.Health;

/// <summary>Health of one dependency.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
