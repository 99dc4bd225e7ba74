namespace Pos.Api.Health;

/// <summary>One more thing /health/ready reports, besides PostgreSQL and the silo (the host's own parts, such as the embedded cluster).</summary>
public interface IReadinessCheck
{
    /// <summary>The key in <c>checks</c>.</summary>
    string Name { get; }

    /// <summary>Whether it is ready, and in words what it is doing (e.g. "restarting (attempt 3): ...").</summary>
    (bool Ready, string Status) Check();
}
