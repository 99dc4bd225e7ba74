using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using FrameworkReport = Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport;
using Pos.Api.OpenApi;
using HealthReport = Pos.Contracts.Health.HealthReport;

namespace Pos.Api.Health;

/// <summary>
/// /health/live, /health/ready, /health/printers and /health/sync; open to all, for systemd, load balancers and
/// monitoring. The checks are ASP.NET Core health checks (<see cref="HealthChecks"/>) run by its
/// <see cref="HealthCheckService"/>; these routes keep the answer's shape: a status and each check's state in words.
/// A check that throws is an unhealthy entry, never a 500.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", new Dictionary<string, string>()))).WithName("Live")
            .Describe("Whether the process answers", "For systemd and load balancers; open to all.");
        health.MapGet("/ready", Ready).WithName("Ready").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Describe("Whether the store can serve",
                "200 ready when PostgreSQL, the silo and the host's checks answer; 200 degraded when the store serves but a printer is " +
                "down or the cloud has not taken the journal for too long (checks printing and cloudSync say which); else 503 unavailable " +
                "with the reasons in checks.");
        health.MapGet("/printers", PrintersAsync).WithName("PrintersHealth").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Describe("Whether every printer is online", "200 when every configured printer is online, else 503 with each printer's status in checks.");
        health.MapGet("/sync", SyncAsync).WithName("SyncHealth").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Describe("Whether the cloud copy keeps up", "The journal's head minus the cloud's checkpoint and the age of the cloud's last answer; 503 when events have waited too long.");
        return app;
    }

    /// <summary>
    /// 200 <c>ready</c> when PostgreSQL, the silo and the host's own checks answer; 200 <c>degraded</c> when the store
    /// serves but a printer is down or the cloud has not taken the journal for too long; else 503 <c>unavailable</c>.
    /// <c>checks</c> says why in words, e.g. <c>{"postgres": "unreachable: ...", "embeddedCluster": "restarting (attempt 3): ..."}</c>.
    /// </summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthChecks.Ready), cancellationToken);
        var status = report.Status switch
        {
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "unavailable",
        };
        return Answer(new HealthReport(status, Checks(report)), report.Status != HealthStatus.Unhealthy);
    }

    /// <summary>200 when every printer is online, else 503; <c>checks</c> gives each printer's state by its id.</summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> PrintersAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthChecks.Printers), cancellationToken);
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = entry.Description ?? entry.Status.ToString();
            foreach (var (printer, words) in entry.Data)
            {
                checks[printer] = words?.ToString() ?? "";
            }
        }
        return Answer(new HealthReport(Status(report.Status), checks), report.Status != HealthStatus.Unhealthy);
    }

    /// <summary>
    /// 200 while the cloud keeps up with the journal (or no cloud is linked), 503 when events wait and the cloud has not
    /// acknowledged anything for a while; <c>checks.sync</c> says the lag in events and the age of the last acknowledgement.
    /// </summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> SyncAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthChecks.Sync), cancellationToken);
        return Answer(new HealthReport(Status(report.Status), Checks(report)), report.Status != HealthStatus.Unhealthy);
    }

    private static Results<Ok<HealthReport>, JsonHttpResult<HealthReport>> Answer(HealthReport report, bool ok) =>
        ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static Dictionary<string, string> Checks(FrameworkReport report) =>
        report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString(), StringComparer.Ordinal);

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unavailable",
    };
}
