using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Api.Health;

/// <summary>Health of one dependency.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>/health/live and /health/ready; open to all, for systemd and load balancers.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", new Dictionary<string, string>()))).WithName("Live");
        health.MapGet("/ready", Ready).WithName("Ready").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(
        IJournal journal, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>();
        var ok = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await journal.HeadSeqAsync(timeout.Token);
            checks["postgres"] = "ok";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            checks["postgres"] = ex.Message;
            ok = false;
        }
        try
        {
            await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            checks["silo"] = "ok";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            checks["silo"] = ex.Message;
            ok = false;
        }
        var report = new HealthReport(ok ? "ready" : "unavailable", checks);
        return ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
