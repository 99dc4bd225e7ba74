using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Api.Health;

/// <summary>Health of one dependency.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>/health/live and /health/ready; open to all, for systemd and load balancers.</summary>
public static class HealthApi
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", new Dictionary<string, string>()))).WithName("Live")
            .Describe("Whether the process answers", "For systemd and load balancers; open to all.");
        health.MapGet("/ready", Ready).WithName("Ready").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Describe("Whether the store can serve", "200 when PostgreSQL, the silo and the host's checks answer, else 503 with the reasons in checks.");
        return app;
    }

    /// <summary>
    /// 200 when PostgreSQL, the silo and the host's own checks answer, else 503; <c>checks</c> says why in words,
    /// e.g. <c>{"postgres": "unreachable: ...", "embeddedCluster": "restarting (attempt 3): ..."}</c>.
    /// </summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(
        IJournal journal, IGrainFactory grains, IEnumerable<IReadinessCheck> hostChecks, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>();
        var ok = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckTimeout);
            await journal.HeadSeqAsync(timeout.Token);
            checks["postgres"] = "ok";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            checks["postgres"] = "unreachable: " + Reason(ex);
            ok = false;
        }
        try
        {
            await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get().WaitAsync(CheckTimeout, cancellationToken);
            checks["silo"] = "ok";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A grain that cannot activate without the database: the silo answered, the database did not (said above).
            checks["silo"] = WaitsForDatabase(ex) ? "ok (its grains wait for the database)" : Reason(ex);
            ok = false;
        }
        foreach (var check in hostChecks)
        {
            var (ready, status) = check.Check();
            checks[check.Name] = status;
            ok &= ready;
        }
        var report = new HealthReport(ok ? "ready" : "unavailable", checks);
        return ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static bool WaitsForDatabase(Exception ex)
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

    private static string Reason(Exception ex) => ex switch
    {
        OperationCanceledException => $"no answer within {CheckTimeout.TotalSeconds:0} s",
        JournalUnavailableException { InnerException: { } cause } => cause.Message,
        _ => ex.Message,
    };
}
