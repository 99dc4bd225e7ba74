namespace Pos.Cloud.Hosting;

/// <summary>What a health route answers: ready or not, and each dependency's state in words.</summary>
public sealed record CloudHealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>/health/live and /health/ready of a cloud silo; open to all, for systemd and load balancers.</summary>
public static class CloudHealth
{
    private static readonly TimeSpan CheckWithin = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapCloudHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => Results.Ok(new { status = "live" })).WithName("Live");
        health.MapGet("/ready", Ready).WithName("Ready");
        return app;
    }

    /// <summary>
    /// 200 when the silo's PostgreSQL answers and the silo is an active member of its cluster (it takes store grains);
    /// otherwise 503, saying which is not and why.
    /// </summary>
    public static async Task<IResult> Ready(
        Database.CloudDatabase database, IClusterMembershipService membership, ILocalSiloDetails silo, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["postgres"] = await PostgresAsync(database, cancellationToken),
            ["silo"] = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) is var status && status == SiloStatus.Active
                ? "ok"
                : $"not an active member of cluster '{silo.ClusterId}' (its status: {status})",
        };
        var ready = checks.Values.All(v => v == "ok");
        var report = new CloudHealthReport(ready ? "ready" : "unavailable", checks);
        return ready ? Results.Ok(report) : Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> PostgresAsync(Database.CloudDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckWithin);
            await using var cmd = database.DataSource.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return "ok";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"no answer within {CheckWithin.TotalSeconds:0} s"
                : e.Message;
        }
    }
}
