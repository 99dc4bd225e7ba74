using System.Diagnostics;
using Npgsql;

namespace Pos.Bench.Cloud;

/// <summary>What the baseline did: rows copied and how long it took.</summary>
internal sealed record CopyResult(TimeSpan Elapsed, long Events, long Copies, LatencyStats CopyLatency)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The floor for ingest: the same rows written with binary COPY, no HTTP, no signature, no grain, no checkpoint, into
/// a scratch copy of store_journal (same columns, defaults, primary key, unique constraint and indexes), one COPY
/// (one commit) per batch and one connection per store, all stores at once.
/// </summary>
internal sealed class CopyBaseline(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string Table = "bench_copy_journal";

    private const string Copy =
        $"copy {Table} (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data) from stdin (format binary)";

    public static async Task<CopyBaseline> CreateAsync(string connectionString, int connections, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections, MinPoolSize = 0 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // LIKE ... INCLUDING ALL copies everything but the foreign key to stores, which the baseline has no rows for.
        await using var create = dataSource.CreateCommand($"drop table if exists {Table}; create table {Table} (like store_journal including all)");
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new CopyBaseline(dataSource);
    }

    public async Task<CopyResult> RunAsync(IReadOnlyList<SimulatedStore> stores, long fromSeq, long toSeq, int batch, CancellationToken cancellationToken)
    {
        var latencies = new long[stores.Count][];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task CopyStoreAsync(int index)
        {
            await go.Task;
            var store = stores[index];
            var mine = new List<long>();
            for (var seq = fromSeq; seq <= toSeq; seq += batch)
            {
                var started = Stopwatch.GetTimestamp();
                await CopyAsync(store, seq, Math.Min(toSeq, seq + batch - 1), cancellationToken);
                mine.Add(Stopwatch.GetTimestamp() - started);
            }

            latencies[index] = [.. mine];
        }

        var running = Enumerable.Range(0, stores.Count).Select(i => Task.Run(() => CopyStoreAsync(i), cancellationToken)).ToList();
        var clock = Stopwatch.StartNew();
        go.SetResult();
        await Task.WhenAll(running);
        clock.Stop();
        var copies = latencies.SelectMany(l => l).ToList();
        return new CopyResult(clock.Elapsed, stores.Count * (toSeq - fromSeq + 1), copies.Count, LatencyStats.FromStopwatchTicks(copies));
    }

    /// <summary>The rows the scratch table holds; the run copied each once if this is stores x events.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand($"select count(*) from {Table}");
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var drop = dataSource.CreateCommand($"drop table if exists {Table}");
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task CopyAsync(SimulatedStore store, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        for (var seq = from; seq <= to; seq++)
        {
            var e = store.Rows[seq - 1];
            await JournalRows.WriteAsync(import, store.StoreId, e, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }
}
