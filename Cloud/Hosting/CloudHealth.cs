using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Hosting;

/// <summary>
/// /health/live and /health/ready of a cloud silo; open to all, for systemd and load balancers. The checks are ASP.NET
/// Core health checks (PostgreSQL reachable, the silo an active member of its cluster) run by its
/// <see cref="HealthCheckService"/>; the route keeps the answer's shape, and a check that throws is an unhealthy entry.
/// </summary>
public static class CloudHealth
{
    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckWithin = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddCloudHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<CloudPostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<ClusterMembershipHealthCheck>("silo", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapCloudHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => Results.Ok(new CloudLiveness("live"))).WithName("Live").Produces<CloudLiveness>();
        health.MapGet("/ready", Ready).WithName("Ready")
            .Produces<CloudHealthReport>().Produces<CloudHealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// 200 when the silo's PostgreSQL answers and the silo is an active member of its cluster (it takes store grains);
    /// otherwise 503, saying which is not and why.
    /// </summary>
    public static async Task<IResult> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), cancellationToken);
        var checks = report.Entries.ToDictionary(
            e => e.Key, e => e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString(), StringComparer.Ordinal);
        var ready = report.Status == HealthStatus.Healthy;
        var answer = new CloudHealthReport(ready ? "ready" : "unavailable", checks);
        return ready ? Results.Ok(answer) : Results.Json(answer, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The silo's PostgreSQL answers a query within the check's time.</summary>
    public sealed class CloudPostgresHealthCheck(Database.CloudDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(CheckWithin);
                await using var cmd = database.DataSource.CreateCommand("select 1");
                await cmd.ExecuteScalarAsync(timeout.Token);
                return HealthCheckResult.Healthy("ok");
            }
            catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(e is OperationCanceledException ? $"no answer within {CheckWithin.TotalSeconds:0} s" : e.Message);
            }
        }
    }

    /// <summary>The silo is an active member of its cluster: it takes store grains.</summary>
    public sealed class ClusterMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return Task.FromResult(status == SiloStatus.Active
                ? HealthCheckResult.Healthy("ok")
                : HealthCheckResult.Unhealthy($"not an active member of cluster '{silo.ClusterId}' (its status: {status})"));
        }
    }
}
