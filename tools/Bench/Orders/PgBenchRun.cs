using System.Globalization;
using System.Text.RegularExpressions;

namespace Pos.Bench.Orders;

/// <summary>One pgbench level: a single-row jsonb insert per transaction, the floor a durable order command is measured against.</summary>
internal sealed record PgBenchResult(
    int Clients,
    long Transactions,
    double PerSecond,
    LatencyStats Latency,
    long Failed,
    string? PgBenchTps,
    string? Error);

internal static partial class PgBenchRun
{
    private const string CreateTable = """
        drop table if exists bench_rows;
        create table bench_rows(
            id bigserial primary key,
            order_id uuid not null,
            payload jsonb not null,
            created_at timestamptz not null default now());
        """;

    private const string InsertRow = """
        insert into bench_rows(order_id, payload) values (gen_random_uuid(), '{"menuItemId":"bench-burger","quantity":1}');
        """;

    public static async Task<PgBenchResult> RunAsync(
        string pgBenchPath,
        Psql psql,
        string connInfo,
        int clients,
        int seconds,
        int? ratePerSecond,
        CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("pos-bench-pgbench-");
        try
        {
            var created = await psql.RunAsync(CreateTable, cancellationToken);
            if (!created.Succeeded)
            {
                return Failed(clients, $"cannot create bench_rows ({created.Describe()})");
            }

            var script = Path.Combine(workDir.FullName, "insert-row.sql");
            await File.WriteAllTextAsync(script, InsertRow + "\n", cancellationToken);
            var inv = CultureInfo.InvariantCulture;
            string[] arguments =
            [
                "-n", "-c", clients.ToString(inv), "-j", Math.Min(clients, 2).ToString(inv),
                "-T", seconds.ToString(inv), "-M", "prepared", "-f", script,
                "--log", "--log-prefix", Path.Combine(workDir.FullName, "pgb"),
                connInfo,
            ];
            if (ratePerSecond is { } rate)
            {
                // Paced like the soak's devices: latency counts from each transaction's scheduled start (pgbench -R).
                arguments = [.. arguments[..^1], "-R", rate.ToString(inv), connInfo];
            }

            // Durable commits on the pgbench side whatever the server default is (the default is reported separately).
            var existing = Environment.GetEnvironmentVariable("PGOPTIONS");
            var environment = new Dictionary<string, string> { ["PGOPTIONS"] = $"{existing} -c synchronous_commit=on".Trim() };
            var run = await ExternalCommand.RunAsync(pgBenchPath, arguments, cancellationToken, workDir.FullName, environment);
            if (!run.Succeeded)
            {
                return Failed(clients, $"pgbench failed ({run.Describe()})");
            }

            var (latencies, failed, spanSeconds) = await ReadLogsAsync(workDir.FullName, cancellationToken);
            var tps = TpsLine().Match(run.StandardOutput);

            // Over the span the log covers (first start to last commit), so connection set-up is not counted.
            return new PgBenchResult(
                clients,
                latencies.Count,
                latencies.Count / Math.Max(spanSeconds, 1e-3),
                LatencyStats.FromMilliseconds(latencies),
                failed,
                tps.Success ? tps.Groups[1].Value : null,
                null);
        }
        finally
        {
            await psql.RunAsync("drop table if exists bench_rows", CancellationToken.None);
            workDir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Per-transaction log lines: <c>client_id transaction_no time script_no time_epoch time_us</c>,
    /// where <c>time</c> is the latency in microseconds (or <c>failed</c>/<c>skipped</c>).
    /// One file per thread: <c>pgb.&lt;pid&gt;</c>, <c>pgb.&lt;pid&gt;.1</c>, ...
    /// </summary>
    private static async Task<(List<double> LatenciesMs, long Failed, double SpanSeconds)> ReadLogsAsync(
        string folder,
        CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var failed = 0L;
        var (firstStartUs, lastEndUs) = (long.MaxValue, long.MinValue);
        foreach (var file in Directory.EnumerateFiles(folder, "pgb.*"))
        {
            await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 6)
                {
                    continue;
                }

                var inv = CultureInfo.InvariantCulture;
                if (long.TryParse(fields[2], NumberStyles.None, inv, out var micros)
                    && long.TryParse(fields[4], NumberStyles.None, inv, out var epochSeconds)
                    && long.TryParse(fields[5], NumberStyles.None, inv, out var epochMicros))
                {
                    latencies.Add(micros / 1000.0);
                    var endUs = (epochSeconds * 1_000_000) + epochMicros;
                    firstStartUs = Math.Min(firstStartUs, endUs - micros);
                    lastEndUs = Math.Max(lastEndUs, endUs);
                }
                else
                {
                    failed++;
                }
            }
        }

        return (latencies, failed, latencies.Count == 0 ? 0 : (lastEndUs - firstStartUs) / 1e6);
    }

    private static PgBenchResult Failed(int clients, string error) =>
        new(clients, 0, 0, LatencyStats.Empty, 0, null, error);

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();
}
