using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Pos.Bench.Cloud;
using Pos.Contracts.Journal;

namespace Pos.Bench.Hq;

/// <summary>
/// Headquarters at chain scale. Round 1, an empty cloud: the chain's stores send one day each through the signed
/// ingest route (timed in slices, beside binary COPY of the same rows), then the HQ reports are timed. Round 2: the
/// older events are loaded by COPY over the earlier dates, every store sends its next day (timed in slices), and the
/// same reports of the same date are timed again.
/// </summary>
internal static class HqBenchmark
{
    /// <summary>The measured date; the older events are the dates before it, round 2 sends the day after it.</summary>
    private static readonly DateOnly Day = new(2026, 10, 1);

    public static async Task<int> RunAsync(HqOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(1, options.Stores).Select(i => $"bench-{run}-{i:D4}").ToList();
        Console.WriteLine($"Making up the day {Day:yyyy-MM-dd} of {options.Stores} stores, {options.OrdersPerStore} orders each ...");
        var stores = ids.Select((id, i) => SimulatedStore.Of(id, [.. ChainDay.Generate(Day, options.OrdersPerStore, 1, i + 1, sealVersion: 1)])).ToList();
        var dayEvents = stores[0].Rows.Length;
        await using var cloudDb = NpgsqlDataSource.Create(options.CloudDb!);
        string postgres;
        try
        {
            postgres = await PostgresAsync(cloudDb, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return Fail($"cannot reach the cloud's database (--cloud-db): {e.Message}");
        }
        Console.WriteLine(postgres);
        using var http = CloudIngest.CreateClient(16);
        Console.WriteLine($"Registering the stores {ids[0]}..{ids[^1]} ...");
        if (await CloudIngest.RegisterAsync(http, options.Urls[0], options.Token!, stores, cancellationToken) is { } registerError)
        {
            return Fail($"{registerError}. Is the cloud running and is --token its HQ admin token?");
        }

        Console.WriteLine($"[COPY] {options.Stores} stores x {dayEvents} rows in COPYs of {options.Batch} ...");
        CopyResult copy;
        await using (var baseline = await CopyBaseline.CreateAsync(options.CloudDb!, Math.Min(options.Stores, 50), cancellationToken))
        {
            copy = await baseline.RunAsync(stores, 1, dayEvents, options.Batch, cancellationToken);
            await baseline.DropAsync(cancellationToken);
        }
        Console.WriteLine(Invariant($"[COPY] {copy.Events} rows in {copy.Elapsed.TotalSeconds:F1} s: {copy.EventsPerSecond:F0} rows/s"));

        var problems = new List<string>();
        var first = await IngestAsync("round 1", options, stores, 1, dayEvents, problems, cancellationToken);
        problems.AddRange((await CloudCheck.VerifyAsync(cloudDb, stores, cancellationToken)).Select(p => $"round 1: {p}"));
        using var reports = new HqReports(options.Urls[0], options.Token!, options.Runs);
        // A region: every tenth store.
        const string Group = "region-1";
        await reports.CreateGroupAsync(Group, [.. ids.Where((_, i) => i % 10 == 0)], cancellationToken);
        problems.AddRange(await CheckDayAsync(reports, options, cancellationToken));
        Console.WriteLine("[reports] round 1, an empty cloud ...");
        var emptyReports = await reports.TimeAllAsync(Day, ids[0], Group, cancellationToken);
        Print(emptyReports);

        var eventsPerOrder = (dayEvents - 1) / (double)options.OrdersPerStore;
        var olderOrders = (int)Math.Max(1, Math.Round(options.OlderEvents / (options.Stores * (double)options.OlderDays * eventsPerOrder)));
        Console.WriteLine($"[older] {options.OlderDays} earlier dates x {options.Stores} stores x {olderOrders} orders by COPY ...");
        var nextSeq = Enumerable.Repeat((long)dayEvents + 1, options.Stores).ToArray();
        var sealVersion = Enumerable.Repeat(1, options.Stores).ToArray();
        var older = await OlderEvents.LoadAsync(cloudDb, ids, nextSeq, sealVersion, Day, options.OlderDays, olderOrders, Console.WriteLine, cancellationToken);
        Console.WriteLine(Invariant($"[older] {older.Events:N0} events in {older.Elapsed.TotalSeconds:F0} s"));

        // Round 2: every store's next day, after its history; the rows before it are not kept in memory.
        var from = nextSeq[0];
        var secondDay = stores.Select((s, i) =>
        {
            var rows = new JournalEntry[from - 1 + dayEvents];
            ChainDay.Generate(Day.AddDays(1), options.OrdersPerStore, from, i + 1, sealVersion[i] + 1).CopyTo(rows, (int)from - 1);
            var next = SimulatedStore.Of(s.StoreId, rows);
            next.Secret = s.Secret;
            return next;
        }).ToList();
        var second = await IngestAsync("round 2", options, secondDay, from, from - 1 + dayEvents, problems, cancellationToken);
        problems.AddRange(await CheckHeldAsync(cloudDb, ids, from - 1 + dayEvents, cancellationToken));
        problems.AddRange(await CheckDayAsync(reports, options, cancellationToken));
        Console.WriteLine($"[reports] round 2, with {older.Events:N0} older events ...");
        var fullReports = await reports.TimeAllAsync(Day, ids[0], Group, cancellationToken);
        Print(fullReports);

        var result = new HqRun(options, startedAt, postgres, dayEvents, olderOrders, copy, first, second, older, emptyReports, fullReports, problems);
        HqMarkdown.Print(result);
        if (options.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, HqMarkdown.Of(result), cancellationToken);
            Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
        }
        return problems.Count == 0 ? 0 : CloudBenchmark.CorrectnessFailure;
    }

    /// <summary>The stores send seqs <paramref name="from"/>..<paramref name="to"/> in slices, each timed on its own.</summary>
    private static async Task<IReadOnlyList<IngestResult>> IngestAsync(
        string round, HqOptions options, IReadOnlyList<SimulatedStore> stores, long from, long to, List<string> problems, CancellationToken cancellationToken)
    {
        var slices = new List<IngestResult>();
        var size = (to - from + 1 + options.Slices - 1) / options.Slices;
        for (var start = from; start <= to; start += size)
        {
            var end = Math.Min(to, start + size - 1);
            var slice = await CloudIngest.SendAsync(options.Urls, stores, start, end, options.Batch, cancellationToken);
            Console.WriteLine(Invariant($"[ingest] {round}, seqs {start}..{end}: {slice.Events} events in {slice.Elapsed.TotalSeconds:F1} s: {slice.EventsPerSecond:F0} events/s, {slice.Retries} retried"));
            problems.AddRange(slice.Problems.Where(p => p.Contains("gave up", StringComparison.Ordinal)).Select(p => $"{round}: {p}"));
            slices.Add(slice);
        }
        return slices;
    }

    /// <summary>Every store holds seqs 1..<paramref name="last"/> (the primary key makes each once) and its checkpoint is there.</summary>
    private static async Task<IEnumerable<string>> CheckHeldAsync(NpgsqlDataSource cloud, IReadOnlyList<string> ids, long last, CancellationToken cancellationToken)
    {
        await using var cmd = cloud.CreateCommand("""
            select (select count(*) from store_journal where store_id = any($1) and seq between 1 and $2),
                   (select count(*) from stores where store_id = any($1) and acked_seq = $2)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(last);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (held, atHead) = (reader.GetInt64(0), reader.GetInt64(1));
        return held == ids.Count * last && atHead == ids.Count
            ? []
            : [$"round 2: the cloud holds {held} of {ids.Count * last} events; {atHead} of {ids.Count} checkpoints at {last}"];
    }

    /// <summary>The measured date's report: every store there and complete, with every order closed.</summary>
    private static async Task<IEnumerable<string>> CheckDayAsync(HqReports reports, HqOptions options, CancellationToken cancellationToken)
    {
        var (count, complete, closed) = await reports.CheckDailyAsync(Day, cancellationToken);
        return count == options.Stores && complete == options.Stores && closed == (long)options.Stores * options.OrdersPerStore
            ? []
            : [$"the daily report of {Day:yyyy-MM-dd} has {count} stores, {complete} complete, {closed} orders closed; expected {options.Stores}, all complete, {(long)options.Stores * options.OrdersPerStore}"];
    }

    private static void Print(IReadOnlyList<ReportTiming> timings)
    {
        foreach (var t in timings)
        {
            Console.WriteLine(Invariant($"[reports] {t.Name}: median {t.MedianMs:F1} ms, slowest {t.MaxMs:F1} ms of {t.Runs}; the first, untimed, {t.FirstMs:F1} ms"));
        }
    }

    private static async Task<string> PostgresAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "select split_part(version(), ' ', 2), current_setting('shared_buffers'), current_setting('synchronous_commit'), current_setting('fsync')");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"PostgreSQL {reader.GetString(0)}, shared_buffers={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, fsync={reader.GetString(3)}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
