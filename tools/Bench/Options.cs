using System.CommandLine;

namespace Pos.Bench;

/// <summary>The options of <c>Pos.Bench orders</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record BenchOptions
{
    public const string TokenVariable = "POS_ADMIN_TOKEN";

    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; }
    public string PgConnInfo { get; init; } = "";
    public string PgBenchPath { get; init; } = "/usr/lib/postgresql/15/bin/pgbench";
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];
    public int Seconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 2;
    public string? MarkdownPath { get; init; }
    public bool PgOnly { get; init; }
    public int? AppliancePid { get; init; }

    /// <summary>The <c>orders</c> subcommand: reads its options into a <see cref="BenchOptions"/> and hands it to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<string, string?> environment, Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new BenchOptions();
        var url = BenchOption.Url("--url", "Appliance base URL", defaults.Url);
        var token = new Option<string>("--token")
        {
            Description = $"Admin or device bearer token (default: ${TokenVariable})",
            HelpName = "TOKEN",
        };
        var pg = BenchOption.RequiredText(
            "--pg", "libpq conninfo for pgbench and psql, e.g. \"host=/tmp port=5433 user=pos dbname=bench\"", "CONNINFO");
        var pgBench = new Option<string>("--pgbench")
        {
            Description = "pgbench binary; psql is taken from the same folder",
            HelpName = "PATH",
            DefaultValueFactory = _ => defaults.PgBenchPath,
        };
        var clients = BenchOption.PositiveList("--clients", "Comma-separated concurrency levels", defaults.Clients);
        var seconds = BenchOption.Number<int>("--seconds", "Measured seconds per level and side", defaults.Seconds, 1, int.MaxValue);
        var warmup = BenchOption.Number<int>(
            "--warmup", "Appliance warm-up seconds before measuring", defaults.WarmupSeconds, 0, int.MaxValue);
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");
        var pgOnly = new Option<bool>("--pg-only") { Description = "Run only the pgbench half (no appliance needed)" };
        var appliancePid = new Option<int?>("--appliance-pid")
        {
            Description = "The appliance's process id: report its CPU per request (from /proc) for commands and the read floor",
            HelpName = "PID",
        };

        var command = new Command("orders", """
            Durable order commands on the appliance, side by side with pgbench on the same PostgreSQL, and the read
            floor (the same clients reading a ten-line order: the ceiling of any command).
            """)
        {
            url, token, pg, pgBench, clients, seconds, warmup, markdown, pgOnly, appliancePid,
        };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(pgOnly) && string.IsNullOrWhiteSpace(result.GetValue(token) ?? environment(TokenVariable)))
            {
                result.AddError($"--token is required (or set {TokenVariable}), unless --pg-only");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new BenchOptions
            {
                Url = parsed.GetRequiredValue(url),
                Token = parsed.GetValue(token) ?? environment(TokenVariable),
                PgConnInfo = parsed.GetRequiredValue(pg),
                PgBenchPath = parsed.GetRequiredValue(pgBench),
                Clients = parsed.GetResult(clients) is null ? defaults.Clients : parsed.GetRequiredValue(clients),
                Seconds = parsed.GetValue(seconds),
                WarmupSeconds = parsed.GetValue(warmup),
                MarkdownPath = parsed.GetValue(markdown),
                PgOnly = parsed.GetValue(pgOnly),
                AppliancePid = parsed.GetValue(appliancePid),
            },
            cancellationToken));
        return command;
    }
}
