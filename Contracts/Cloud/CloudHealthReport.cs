namespace Pos.Contracts.Cloud;

/// <summary>GET /health/ready of a cloud silo: ready or not, and each dependency's state in words.</summary>
public sealed record CloudHealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>GET /health/live of a cloud silo: it runs (always "live").</summary>
public sealed record CloudLiveness(string Status);
