using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pos.Api.Health;

/// <summary>
/// A check that can make /health/ready degraded, never unavailable: the store takes orders without what it checks
/// (a printer down, the cloud away), so a load balancer or systemd keeps it, and a person is told. Its unhealthy
/// answer is reported as <see cref="HealthStatus.Degraded"/> with the same words and data.
/// </summary>
public sealed class DegradesReadiness(IHealthCheck inner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await inner.CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Unhealthy
            ? new HealthCheckResult(HealthStatus.Degraded, result.Description, result.Exception, result.Data)
            : result;
    }

    /// <summary>A registration of <typeparamref name="T"/> (built from the services) for /health/ready that can only degrade it.</summary>
    public static HealthCheckRegistration For<T>(string name) where T : IHealthCheck =>
        new(name, sp => new DegradesReadiness(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(sp)),
            HealthStatus.Degraded, [HealthChecks.Ready]);
}
