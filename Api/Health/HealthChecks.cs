using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Api.Health;

/// <summary>
/// The appliance's health checks, in ASP.NET Core's health-check framework: tagged <see cref="Ready"/> (PostgreSQL,
/// the silo, the host's own <see cref="IReadinessCheck"/>s such as the embedded cluster) for /health/ready, with the
/// printers and the cloud link there as checks that can only degrade it (<see cref="DegradesReadiness"/>),
/// <see cref="Printers"/> for /health/printers, <see cref="Sync"/> for /health/sync (the host adds that one).
/// </summary>
public static class HealthChecks
{
    public const string Ready = "ready";
    public const string Printers = "printers";
    public const string Sync = "sync";

    /// <summary>How long one check may wait for its dependency before it says it did not answer.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddPosHealthChecks(this IServiceCollection services)
    {
        // The host's own readiness checks, known only once the container is built: one registration each.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            foreach (var check in provider.GetServices<IReadinessCheck>())
            {
                options.Registrations.Add(new HealthCheckRegistration(check.Name, new ReadinessHealthCheck(check), HealthStatus.Unhealthy, [Ready]));
            }
        });
        return services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [Ready])
            .AddCheck<SiloHealthCheck>("silo", tags: [Ready])
            .AddCheck<PrintersHealthCheck>("printers", tags: [Printers])
            // A printer down degrades the store's readiness; it never makes it unavailable (orders go on, tickets wait).
            .Add(DegradesReadiness.For<PrintersHealthCheck>("printing"));
    }

    /// <summary>Why a dependency did not answer, in words (the cause of a journal outage, or the time waited).</summary>
    public static string Reason(Exception ex) => ex switch
    {
        OperationCanceledException => $"no answer within {CheckTimeout.TotalSeconds:0} s",
        JournalUnavailableException { InnerException: { } cause } => cause.Message,
        _ => ex.Message,
    };

    internal static bool WaitsForDatabase(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is JournalUnavailableException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>PostgreSQL answers: the journal's head is read within the check's time.</summary>
public sealed class PostgresHealthCheck(IJournal journal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HealthChecks.CheckTimeout);
            await journal.HeadSeqAsync(timeout.Token);
            return HealthCheckResult.Healthy("ok");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("unreachable: " + HealthChecks.Reason(ex));
        }
    }
}

/// <summary>The Orleans silo answers: the store's menu grain is read within the check's time.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get().WaitAsync(HealthChecks.CheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy("ok");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // A grain that cannot activate without the database: the silo answered, the database did not (said by "postgres").
            return HealthCheckResult.Unhealthy(HealthChecks.WaitsForDatabase(ex) ? "ok (its grains wait for the database)" : HealthChecks.Reason(ex));
        }
    }
}

/// <summary>One of the host's <see cref="IReadinessCheck"/>s as a health check.</summary>
public sealed class ReadinessHealthCheck(IReadinessCheck check) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (ready, status) = check.Check();
        return Task.FromResult(ready ? HealthCheckResult.Healthy(status) : HealthCheckResult.Unhealthy(status));
    }
}
