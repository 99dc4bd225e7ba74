using System.Globalization;

namespace Pos.Bench.Orders;

/// <summary>For each concurrency level: the appliance, then pgbench on the same PostgreSQL; then the table.</summary>
internal static class OrdersBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        var psql = Psql.BesidePgBench(options.PgBenchPath, options.PgConnInfo);
        var (postgres, error) = await PostgresInfo.ReadAsync(psql, cancellationToken);
        if (postgres is null)
        {
            return Fail($"{error}. Check --pg and that PostgreSQL is running.");
        }

        Console.WriteLine($"PostgreSQL {postgres.Version}");
        Console.WriteLine($"show synchronous_commit: {postgres.SynchronousCommit}");
        Console.WriteLine($"show fsync: {postgres.Fsync}");
        if (!postgres.IsDurable)
        {
            Console.WriteLine("WARNING: the server does not default to durable commits; pgbench sessions are forced to "
                + "synchronous_commit=on, but the appliance's commits may not be durable, so the comparison flatters it.");
        }

        string? floorOrder = null;
        if (!options.PgOnly)
        {
            Console.WriteLine($"Publishing the bench menu ({OrderLoad.MenuItemId}) to {options.Url} ...");
            var menuError = await OrderLoad.PublishMenuAsync(options.Url, options.Token!, cancellationToken);
            if (menuError is not null)
            {
                return Fail($"{menuError}. Is the appliance running (./pos run) and is --token its admin token?");
            }
            (floorOrder, var floorError) = await OrderLoad.OpenFloorOrderAsync(options.Url, options.Token!, cancellationToken);
            if (floorError is not null)
            {
                return Fail($"could not ring up the order the read floor reads: {floorError}");
            }
        }

        var levels = new List<LevelResult>();
        foreach (var clients in options.Clients)
        {
            LoadResult? appliance = null;
            LoadResult? floor = null;
            if (!options.PgOnly)
            {
                Console.WriteLine($"[{clients} clients] appliance: {options.WarmupSeconds} s warm-up + {options.Seconds} s ...");
                appliance = await OrderLoad.RunAsync(
                    options.Url,
                    options.Token!,
                    clients,
                    TimeSpan.FromSeconds(options.WarmupSeconds),
                    TimeSpan.FromSeconds(options.Seconds),
                    options.AppliancePid,
                    cancellationToken);
                Console.WriteLine(Invariant($"[{clients} clients] appliance: {appliance.PerSecond:F0} cmd/s, p50 {appliance.Latency.P50Ms:F2} ms, p99 {appliance.Latency.P99Ms:F2} ms, {appliance.Errors} errors{Cpu(appliance)}"));
                Console.WriteLine($"[{clients} clients] read floor (GET of a ten-line order, same clients): 2 s warm-up + {options.Seconds} s ...");
                floor = await OrderLoad.RunFloorAsync(options.Url, options.Token!, floorOrder!, clients,
                    TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(options.Seconds), options.AppliancePid, cancellationToken);
                Console.WriteLine(Invariant($"[{clients} clients] read floor: {floor.PerSecond:F0} req/s, p50 {floor.Latency.P50Ms:F2} ms, p99 {floor.Latency.P99Ms:F2} ms, {floor.Errors} errors{Cpu(floor)}"));
            }

            Console.WriteLine($"[{clients} clients] pgbench: {options.Seconds} s ...");
            var pgBench = await PgBenchRun.RunAsync(options.PgBenchPath, psql, options.PgConnInfo, clients, options.Seconds, null, cancellationToken);
            if (pgBench.Error is not null)
            {
                return Fail(pgBench.Error);
            }

            Console.WriteLine(Invariant($"[{clients} clients] pgbench: {pgBench.PerSecond:F0} tx/s (pgbench says {pgBench.PgBenchTps ?? "?"}), p50 {pgBench.Latency.P50Ms:F2} ms, p99 {pgBench.Latency.P99Ms:F2} ms"));
            levels.Add(new LevelResult(clients, appliance, floor, pgBench));
        }

        Report.PrintTable(levels);
        if (options.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, Report.Markdown(new RunInfo(options, postgres, startedAt), levels), cancellationToken);
            Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
        }

        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    private static string Cpu(LoadResult result) =>
        result is { CpuMicrosPerRequest: { } us, ContextSwitchesPerRequest: { } switches }
            ? Invariant($", appliance CPU {us:F0} us and {switches:F2} context switches per request")
            : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
