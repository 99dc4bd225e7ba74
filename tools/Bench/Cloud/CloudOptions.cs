using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pos.Bench.Cloud;

/// <summary>The command line of <c>Pos.Bench cloud</c>, parsed by hand like the other subcommands'.</summary>
internal sealed record CloudOptions
{
    public const string Usage = """
        Pos.Bench cloud: journal ingest from many stores at once into the cloud, side by side with the same rows
        written by binary COPY into a table of the same shape in the cloud's own PostgreSQL.

        usage: dotnet Pos.Bench.dll cloud --cloud-db "<Npgsql connection string>" [options]

          --url URL[,URL...]     base URL of each cloud silo (default http://127.0.0.1:5090)
          --silos N              how many of those silos the stores send to (default: all of them)
          --token TOKEN          HQ admin token (default: $POS_CLOUD_ADMIN_TOKEN)
          --cloud-db CONN        the cloud's database, the one its silos use (default: $POS_CLOUD_DB); the
                                 baseline runs there and the result is checked there
          --stores N             simulated stores, all sending at once (default 100)
          --events-per-store N   measured events per store (default 2000)
          --warmup N             events per store sent (and copied) first, before the clock starts (default 50)
          --batch N              events per signed batch, and rows per COPY (default 500)
          --markdown PATH        also write the results as a Markdown report
          -h, --help             show this help

        Registers N new stores (ids bench-<run>-<n>), so it can run again on the same cloud. Store i sends to
        silo i mod silos, one batch at a time; the baseline copies the same rows with one connection per store.

        Exit code 0 when the benchmark ran (target met or not), 1 when it could not run, 2 on bad arguments,
        3 when the cloud does not hold every sent event exactly once.
        """;

    public bool Help { get; init; }
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5090/")];
    public int? Silos { get; init; }
    public string? Token { get; init; } = Environment.GetEnvironmentVariable("POS_CLOUD_ADMIN_TOKEN");
    public string? CloudDb { get; init; } = Environment.GetEnvironmentVariable("POS_CLOUD_DB");
    public int Stores { get; init; } = 100;
    public int EventsPerStore { get; init; } = 2000;
    public int Warmup { get; init; } = 50;
    public int Batch { get; init; } = 500;
    public string? MarkdownPath { get; init; }

    /// <summary>The silos the stores send to.</summary>
    public IReadOnlyList<Uri> SiloUrls => [.. Urls.Take(Silos ?? Urls.Count)];

    public static bool TryParse(string[] args, [NotNullWhen(true)] out CloudOptions? options, out string error)
    {
        options = null;
        error = "";
        if (args.Any(a => a is "-h" or "--help"))
        {
            options = new CloudOptions { Help = true };
            return true;
        }

        if (args.Length == 0 || args[0] != "cloud")
        {
            error = "missing subcommand 'cloud'";
            return false;
        }

        if (!CommandLine.TryFold(args, new CloudOptions(), new HashSet<string>(), Apply, out var parsed, out error))
        {
            return false;
        }

        error = Validate(parsed) ?? "";
        options = error.Length == 0 ? parsed : null;
        return options is not null;
    }

    private static CloudOptions? Apply(CloudOptions options, string name, string value, out string error)
    {
        error = "";
        switch (name)
        {
            case "--url" when TryParseUrls(value, out var urls):
                return options with { Urls = urls };
            case "--silos" when TryParsePositive(value, out var silos):
                return options with { Silos = silos };
            case "--token":
                return options with { Token = value };
            case "--cloud-db":
                return options with { CloudDb = value };
            case "--stores" when TryParsePositive(value, out var stores):
                return options with { Stores = stores };
            case "--events-per-store" when TryParsePositive(value, out var events):
                return options with { EventsPerStore = events };
            case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmup):
                return options with { Warmup = warmup };
            case "--batch" when TryParsePositive(value, out var batch):
                return options with { Batch = batch };
            case "--markdown":
                return options with { MarkdownPath = value };
            case "--url" or "--silos" or "--stores" or "--events-per-store" or "--warmup" or "--batch":
                error = $"bad value for {name}: '{value}'";
                return null;
            default:
                error = $"unknown option '{name}'";
                return null;
        }
    }

    private static string? Validate(CloudOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            return "--token is required (or set POS_CLOUD_ADMIN_TOKEN)";
        }

        if (string.IsNullOrWhiteSpace(options.CloudDb))
        {
            return "--cloud-db is required (or set POS_CLOUD_DB): the Npgsql connection string of the cloud's database";
        }

        if (options.Silos is { } silos && silos > options.Urls.Count)
        {
            return $"--silos {silos} but --url names {options.Urls.Count} silo(s)";
        }

        return options.Stores > 9999 ? "--stores must be at most 9999" : null;
    }

    private static bool TryParseUrls(string value, out Uri[] urls)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        urls = new Uri[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Uri.TryCreate(parts[i].EndsWith('/') ? parts[i] : parts[i] + "/", UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https"))
            {
                return false;
            }

            urls[i] = url;
        }

        return parts.Length > 0;
    }

    private static bool TryParsePositive(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
}
