using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pos.Bench;

/// <summary>The command line of <c>Pos.Bench orders</c>, parsed by hand (no command-line library).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Pos.Bench: durable order commands on the appliance, side by side with pgbench on the same PostgreSQL, and
        the read floor (the same clients reading a ten-line order: the ceiling of any command).

        usage: dotnet Pos.Bench.dll orders --pg "<libpq conninfo>" [options]

          --url URL          appliance base URL (default http://127.0.0.1:5080)
          --token TOKEN      admin or device bearer token (default: $POS_ADMIN_TOKEN)
          --pg CONNINFO      libpq conninfo for pgbench and psql, e.g. "host=/tmp port=5433 user=pos dbname=bench"
          --pgbench PATH     pgbench binary; psql is taken from the same folder
                             (default /usr/lib/postgresql/15/bin/pgbench)
          --clients LIST     comma-separated concurrency levels (default 1,8,32)
          --seconds N        measured seconds per level and side (default 10)
          --warmup N         appliance warm-up seconds before measuring (default 2)
          --markdown PATH    also write the results as a Markdown report
          --pg-only          run only the pgbench half (no appliance needed)
          -h, --help         show this help

        Exit code 0 when the benchmark ran (targets met or not), 1 when it could not run, 2 on bad arguments.
        """;

    public bool Help { get; init; }
    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; } = Environment.GetEnvironmentVariable("POS_ADMIN_TOKEN");
    public string PgConnInfo { get; init; } = "";
    public string PgBenchPath { get; init; } = "/usr/lib/postgresql/15/bin/pgbench";
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];
    public int Seconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 2;
    public string? MarkdownPath { get; init; }
    public bool PgOnly { get; init; }

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchOptions? options, out string error)
    {
        options = null;
        error = "";
        if (args.Any(a => a is "-h" or "--help"))
        {
            options = new BenchOptions { Help = true };
            return true;
        }

        if (args.Length == 0 || args[0] != "orders")
        {
            error = args.Length == 0 ? "missing subcommand 'orders'" : $"unknown subcommand '{args[0]}'";
            return false;
        }

        if (!CommandLine.TryFold(args, new BenchOptions(), new HashSet<string> { "--pg-only" }, Apply, out var parsed, out error))
        {
            return false;
        }

        error = Validate(parsed) ?? "";
        options = error.Length == 0 ? parsed : null;
        return options is not null;
    }

    private static BenchOptions? Apply(BenchOptions options, string name, string value, out string error)
    {
        error = "";
        switch (name)
        {
            case "--pg-only":
                return options with { PgOnly = true };
            case "--url" when Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url):
                return options with { Url = url };
            case "--token":
                return options with { Token = value };
            case "--pg":
                return options with { PgConnInfo = value };
            case "--pgbench":
                return options with { PgBenchPath = value };
            case "--clients" when TryParseClients(value, out var clients):
                return options with { Clients = clients };
            case "--seconds" when TryParsePositive(value, out var seconds):
                return options with { Seconds = seconds };
            case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmup):
                return options with { WarmupSeconds = warmup };
            case "--markdown":
                return options with { MarkdownPath = value };
            case "--url" or "--clients" or "--seconds" or "--warmup":
                error = $"bad value for {name}: '{value}'";
                return null;
            default:
                error = $"unknown option '{name}'";
                return null;
        }
    }

    private static string? Validate(BenchOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PgConnInfo))
        {
            return "--pg is required (libpq conninfo of the PostgreSQL to run pgbench against)";
        }

        if (!options.PgOnly && string.IsNullOrWhiteSpace(options.Token))
        {
            return "--token is required (or set POS_ADMIN_TOKEN), unless --pg-only";
        }

        return options.Url.Scheme is "http" or "https" ? null : "--url must be http or https";
    }

    private static bool TryParseClients(string value, out int[] clients)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        clients = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePositive(parts[i], out clients[i]))
            {
                return false;
            }
        }

        return parts.Length > 0;
    }

    private static bool TryParsePositive(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
}
