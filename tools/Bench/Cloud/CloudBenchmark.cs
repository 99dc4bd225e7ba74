using System.Globalization;
using Npgsql;

namespace Pos.Bench.Cloud;

/// <summary>
/// Cloud ingest from many stores at once: register them, copy their journals with binary COPY (the baseline), then
/// send the same journals to the cloud as signed batches, then check the cloud holds every event once.
/// </summary>
internal static class CloudBenchmark
{
    public const int CorrectnessFailure = 3;

    public static async Task<int> RunAsync(CloudOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        var silos = options.SiloUrls;
        var total = options.Warmup + options.EventsPerStore;
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        Console.WriteLine($"Making up the journals of {options.Stores} stores, {total} events each ({options.Warmup} warm-up) ...");
        var stores = Enumerable.Range(1, options.Stores)
            .Select(i => SimulatedStore.Create($"bench-{run}-{i:D4}", total, seed: i))
            .ToList();
        var dataBytes = stores.SelectMany(s => s.Rows).Average(r => r.Data.Length);

        await using var cloudDb = NpgsqlDataSource.Create(options.CloudDb!);
        string postgres;
        try
        {
            postgres = await PostgresSettingsAsync(cloudDb, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return Fail($"cannot reach the cloud's database (--cloud-db): {e.Message}");
        }

        Console.WriteLine(postgres);
        using var http = CloudIngest.CreateClient(options.Stores + 8);
        Console.WriteLine($"Registering the stores bench-{run}-0001..{options.Stores:D4} at {silos[0]} ...");
        if (await CloudIngest.RegisterAsync(http, silos[0], options.Token!, stores, cancellationToken) is { } registerError)
        {
            return Fail($"{registerError}. Is the cloud running (./pos run cloud) and is --token its HQ admin token?");
        }

        CopyResult copy;
        long copied;
        await using (var baseline = await CopyBaseline.CreateAsync(options.CloudDb!, Math.Min(options.Stores, 100), cancellationToken))
        {
            Console.WriteLine($"[COPY] {options.Stores} connections, {options.Warmup} warm-up rows each, then {options.EventsPerStore} rows each in COPYs of {options.Batch} ...");
            if (options.Warmup > 0)
            {
                await baseline.RunAsync(stores, 1, options.Warmup, options.Batch, cancellationToken);
            }

            copy = await baseline.RunAsync(stores, options.Warmup + 1, total, options.Batch, cancellationToken);
            copied = await baseline.CountAsync(cancellationToken);
            await baseline.DropAsync(cancellationToken);
        }

        Console.WriteLine(Invariant($"[COPY] {copy.Events} rows in {copy.Elapsed.TotalSeconds:F2} s: {copy.EventsPerSecond:F0} rows/s"));

        Console.WriteLine($"[ingest] {options.Stores} stores through {silos.Count} silo(s), {options.Warmup} warm-up events each, then {options.EventsPerStore} each in batches of {options.Batch} ...");
        if (options.Warmup > 0)
        {
            var warmup = await CloudIngest.SendAsync(silos, stores, 1, options.Warmup, options.Batch, cancellationToken);
            foreach (var problem in warmup.Problems.Take(5))
            {
                Console.WriteLine($"[ingest] warm-up: {problem}");
            }
        }

        var ingest = await CloudIngest.SendAsync(silos, stores, options.Warmup + 1, total, options.Batch, cancellationToken);
        Console.WriteLine(Invariant($"[ingest] {ingest.Events} events in {ingest.Elapsed.TotalSeconds:F2} s: {ingest.EventsPerSecond:F0} events/s"));

        Console.WriteLine("Checking the cloud's database: every event once, every checkpoint at the last seq ...");
        var problems = (await CloudCheck.VerifyAsync(cloudDb, stores, cancellationToken)).ToList();
        var expected = (long)options.Stores * total;
        if (copied != expected)
        {
            problems.Add($"the baseline table held {copied} rows, not {expected}");
        }

        var result = new CloudRun(options, startedAt, postgres, dataBytes, ingest, copy, problems);
        CloudReport.Print(result);
        if (options.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, CloudReport.Markdown(result), cancellationToken);
            Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
        }

        return result.Correct ? 0 : CorrectnessFailure;
    }

    private static async Task<string> PostgresSettingsAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "select split_part(version(), ' ', 2), current_setting('synchronous_commit'), current_setting('fsync'), current_setting('max_connections')");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"PostgreSQL {reader.GetString(0)}, synchronous_commit={reader.GetString(1)}, fsync={reader.GetString(2)}, max_connections={reader.GetString(3)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
