using System.CommandLine;

namespace Pos.Bench.StaffApp;

/// <summary>The options of <c>Pos.Bench staffapp</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record StaffAppOptions
{
    public const string ChromiumVariable = "POS_CHROMIUM";

    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; }
    public string Chromium { get; init; } = "/usr/bin/chromium";
    public int OpenOrders { get; init; } = 20;
    public int FirstLoads { get; init; } = 3;
    public int Reloads { get; init; } = 10;
    public int Taps { get; init; } = 50;
    public string? MarkdownPath { get; init; }

    /// <summary>The published empty Blazor app (tools/BlankApp), reloaded as a baseline when given.</summary>
    public string? BlankApp { get; init; }

    /// <summary>The <c>staffapp</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<string, string?> environment, Func<StaffAppOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new StaffAppOptions();
        var url = BenchOption.Url("--url", "Appliance base URL (serving the published staff app at /)", defaults.Url);
        var token = new Option<string>("--token")
        {
            Description = $"Admin bearer token (default: ${BenchOptions.TokenVariable})",
            HelpName = "TOKEN",
        };
        var chromium = new Option<string>("--chromium")
        {
            Description = $"The chromium binary Playwright drives (default: ${ChromiumVariable}, else {defaults.Chromium}); never downloaded",
            HelpName = "PATH",
        };
        var orders = BenchOption.Number<int>("--orders", "Open orders seeded for the floor the reloads wait for", defaults.OpenOrders, 1, 500);
        var firstLoads = BenchOption.Number<int>("--first-loads", "First loads, each in a fresh browser context", defaults.FirstLoads, 1, 100);
        var reloads = BenchOption.Number<int>("--reloads", "Measured reloads per side (after one warm-up)", defaults.Reloads, 1, 1000);
        var taps = BenchOption.Number<int>("--taps", "Measured taps per series", defaults.Taps, 1, 1000);
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");
        var blankApp = new Option<string>("--blank-app")
        {
            Description = "The published empty Blazor WebAssembly app (tools/BlankApp): its reload to a first screen is a baseline",
            HelpName = "FOLDER",
        };

        var command = new Command("staffapp", """
            The staff app in headless chromium at phone size (390x844) through a counting proxy: the bytes of a first
            load, the time of a reload to a usable floor with the CPU slowed 4x (the appliance reachable, then cut),
            and the time from a tap on a menu item to its line, online and offline, at full speed and 4x slower; each
            beside a baseline (the app's icon from the same appliance, or a trivial page). Replaces the menu and opens
            orders: run it against a bench appliance only. Exit code 3 when a request left loopback, a framework file
            came without brotli, or a tapped line did not show or did not land exactly once.
            """)
        {
            url, token, chromium, orders, firstLoads, reloads, taps, markdown, blankApp,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(token) ?? environment(BenchOptions.TokenVariable)))
            {
                result.AddError($"--token is required (or set {BenchOptions.TokenVariable})");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new StaffAppOptions
            {
                Url = parsed.GetRequiredValue(url),
                Token = parsed.GetValue(token) ?? environment(BenchOptions.TokenVariable),
                Chromium = parsed.GetValue(chromium) ?? (environment(ChromiumVariable) is { Length: > 0 } named ? named : defaults.Chromium),
                OpenOrders = parsed.GetValue(orders),
                FirstLoads = parsed.GetValue(firstLoads),
                Reloads = parsed.GetValue(reloads),
                Taps = parsed.GetValue(taps),
                MarkdownPath = parsed.GetValue(markdown),
                BlankApp = parsed.GetValue(blankApp),
            },
            cancellationToken));
        return command;
    }
}
