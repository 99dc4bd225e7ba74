using System.CommandLine;

namespace Pos.Bench.Cloud;

/// <summary>The options of <c>Pos.Bench cloud</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record CloudOptions
{
    public const string TokenVariable = "POS_CLOUD_ADMIN_TOKEN";
    public const string DatabaseVariable = "POS_CLOUD_DB";

    /// <summary>Store ids are bench-run-NNNN.</summary>
    public const int MaxStores = 9999;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5090/")];
    public int? Silos { get; init; }
    public string? Token { get; init; }
    public string? CloudDb { get; init; }
    public int Stores { get; init; } = 100;
    public int EventsPerStore { get; init; } = 2000;
    public int Warmup { get; init; } = 50;
    public int Batch { get; init; } = 500;
    public string? MarkdownPath { get; init; }

    /// <summary>The silos the stores send to.</summary>
    public IReadOnlyList<Uri> SiloUrls => [.. Urls.Take(Silos ?? Urls.Count)];

    /// <summary>The <c>cloud</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<string, string?> environment, Func<CloudOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new CloudOptions();
        var urls = BenchOption.Urls("--url", "Base URL of each cloud silo", defaults.Urls);
        var silos = BenchOption.Number<int>(
            "--silos", "How many of those silos the stores send to (default: all of them)", null, 1, int.MaxValue);
        var token = new Option<string>("--token") { Description = $"HQ admin token (default: ${TokenVariable})", HelpName = "TOKEN" };
        // No default shown from the environment: a connection string may hold a password.
        var cloudDb = new Option<string>("--cloud-db")
        {
            Description = $"The cloud's database, the one its silos use (default: ${DatabaseVariable}); the baseline runs "
                + "there and the result is checked there",
            HelpName = "CONN",
        };
        var stores = BenchOption.Number<int>("--stores", "Simulated stores, all sending at once", defaults.Stores, 1, MaxStores);
        var eventsPerStore = BenchOption.Number<int>(
            "--events-per-store", "Measured events per store", defaults.EventsPerStore, 1, int.MaxValue);
        var warmup = BenchOption.Number<int>(
            "--warmup", "Events per store sent (and copied) first, before the clock starts", defaults.Warmup, 0, int.MaxValue);
        var batch = BenchOption.Number<int>("--batch", "Events per signed batch, and rows per COPY", defaults.Batch, 1, int.MaxValue);
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");

        var command = new Command("cloud", """
            Journal ingest from many stores at once into the cloud, side by side with the same rows written by binary
            COPY into a table of the same shape in the cloud's own PostgreSQL. Registers N new stores (ids
            bench-<run>-<n>), so it can run again on the same cloud. Store i sends to silo i mod silos, one batch at a
            time; the baseline copies the same rows with one connection per store.
            Exit code 3 when the cloud does not hold every sent event exactly once.
            """)
        {
            urls, silos, token, cloudDb, stores, eventsPerStore, warmup, batch, markdown,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(token) ?? environment(TokenVariable)))
            {
                result.AddError($"--token is required (or set {TokenVariable})");
            }

            if (string.IsNullOrWhiteSpace(result.GetValue(cloudDb) ?? environment(DatabaseVariable)))
            {
                result.AddError($"--cloud-db is required (or set {DatabaseVariable}): the Npgsql connection string of the cloud's database");
            }

            // A command's validator sees an option's value only when it was given, not its default.
            var urlCount = result.GetResult(urls) is null ? defaults.Urls.Count : result.GetValue(urls)?.Length ?? 0;
            if (result.GetResult(silos) is not null && result.GetValue(silos) is var count && count > urlCount)
            {
                result.AddError($"--silos {count} but --url names {urlCount} silo(s)");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new CloudOptions
            {
                Urls = parsed.GetRequiredValue(urls),
                Silos = parsed.GetResult(silos) is null ? null : parsed.GetValue(silos),
                Token = parsed.GetValue(token) ?? environment(TokenVariable),
                CloudDb = parsed.GetValue(cloudDb) ?? environment(DatabaseVariable),
                Stores = parsed.GetValue(stores),
                EventsPerStore = parsed.GetValue(eventsPerStore),
                Warmup = parsed.GetValue(warmup),
                Batch = parsed.GetValue(batch),
                MarkdownPath = parsed.GetValue(markdown),
            },
            cancellationToken));
        return command;
    }
}
