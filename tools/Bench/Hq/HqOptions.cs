using System.CommandLine;
using System.Globalization;
using Pos.Bench.Cloud;

namespace Pos.Bench.Hq;

/// <summary>The options of <c>Pos.Bench hq</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record HqOptions
{
    public const string StoresVariable = "POS_BENCH_HQ_STORES";
    public const string OlderVariable = "POS_BENCH_HQ_OLDER_EVENTS";

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5090/")];
    public string? Token { get; init; }
    public string? CloudDb { get; init; }
    public int Stores { get; init; } = 2000;
    public int OrdersPerStore { get; init; } = 100;
    public long OlderEvents { get; init; } = 20_000_000;
    public int OlderDays { get; init; } = 30;
    public int Batch { get; init; } = 100;
    public int Slices { get; init; } = 4;
    public int Runs { get; init; } = 5;
    public string? MarkdownPath { get; init; }

    /// <summary>The <c>hq</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<string, string?> environment, Func<HqOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new HqOptions
        {
            Stores = FromEnvironment(environment, StoresVariable, 2000),
            OlderEvents = FromEnvironment(environment, OlderVariable, 20_000_000L),
        };
        var urls = BenchOption.Urls("--url", "Base URL of each cloud silo; store i sends through silo i mod silos", defaults.Urls);
        var token = new Option<string>("--token") { Description = $"HQ admin token (default: ${CloudOptions.TokenVariable})", HelpName = "TOKEN" };
        var cloudDb = new Option<string>("--cloud-db")
        {
            Description = $"The cloud's database (default: ${CloudOptions.DatabaseVariable}): the COPY baseline and the older events go there",
            HelpName = "CONN",
        };
        var stores = BenchOption.Number<int>("--stores", $"Stores of the chain (default: ${StoresVariable} or 2000)", defaults.Stores, 1, CloudOptions.MaxStores);
        var orders = BenchOption.Number<int>("--orders-per-store", "Orders in each store's measured day (about 8.5 events each)", defaults.OrdersPerStore, 1, 10_000);
        var older = BenchOption.Number<long>(
            "--older-events", $"Events the cloud holds from earlier dates before the second round (default: ${OlderVariable} or 20,000,000), by COPY",
            defaults.OlderEvents, 0, long.MaxValue);
        var olderDays = BenchOption.Number<int>("--older-days", "Earlier dates the older events are spread over", defaults.OlderDays, 1, 3650);
        var batch = BenchOption.Number<int>("--batch", "Events per signed batch", defaults.Batch, 1, 10_000);
        var slices = BenchOption.Number<int>("--slices", "Slices of each ingested day, timed apart (first vs last)", defaults.Slices, 1, 100);
        var runs = BenchOption.Number<int>("--runs", "Runs of each report (the median is shown)", defaults.Runs, 1, 1000);
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");
        var command = new Command("hq", """
            Headquarters at chain scale: registers a chain of stores (ids bench-<run>-<n>), sends each store's day
            (orders opened, rung up, voided, discounted, fired, paid by one or two tenders, closed, some refunded, the
            day sealed) through the signed ingest route, beside binary COPY of the same rows; times the HQ reports
            (all stores, 30 days, a group, one store); then loads the older events by COPY over earlier dates, sends
            one more day and times the same reports again.
            """)
        {
            urls, token, cloudDb, stores, orders, older, olderDays, batch, slices, runs, markdown,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(token) ?? environment(CloudOptions.TokenVariable)))
            {
                result.AddError($"--token is required (or set {CloudOptions.TokenVariable})");
            }
            if (string.IsNullOrWhiteSpace(result.GetValue(cloudDb) ?? environment(CloudOptions.DatabaseVariable)))
            {
                result.AddError($"--cloud-db is required (or set {CloudOptions.DatabaseVariable}): the Npgsql connection string of the cloud's database");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new HqOptions
            {
                Urls = parsed.GetRequiredValue(urls),
                Token = parsed.GetValue(token) ?? environment(CloudOptions.TokenVariable),
                CloudDb = parsed.GetValue(cloudDb) ?? environment(CloudOptions.DatabaseVariable),
                Stores = parsed.GetValue(stores),
                OrdersPerStore = parsed.GetValue(orders),
                OlderEvents = parsed.GetValue(older),
                OlderDays = parsed.GetValue(olderDays),
                Batch = parsed.GetValue(batch),
                Slices = parsed.GetValue(slices),
                Runs = parsed.GetValue(runs),
                MarkdownPath = parsed.GetValue(markdown),
            },
            cancellationToken));
        return command;
    }

    private static T FromEnvironment<T>(Func<string, string?> environment, string name, T fallback)
        where T : struct, IParsable<T> =>
        T.TryParse(environment(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
