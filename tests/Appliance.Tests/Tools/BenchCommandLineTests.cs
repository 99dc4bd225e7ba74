extern alias bench;

using bench::Pos.Bench;
using bench::Pos.Bench.Backlog;
using bench::Pos.Bench.Cloud;
using bench::Pos.Bench.Printing;
using bench::Pos.Bench.StaffApp;

namespace Pos.Appliance.Tests.Tools;

/// <summary>
/// Pos.Bench's command line as `pos` and docs/BENCHMARKS.md call it: each subcommand's options and defaults reach the
/// benchmark, bad arguments exit 2 without running anything, and the environment stands in for tokens.
/// </summary>
public sealed class BenchCommandLineTests
{
    private const string PosAdminToken = "admin-token";

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private object? _ran;

    [Fact]
    public async Task Orders_without_options_gets_the_documented_defaults_and_the_token_from_the_environment()
    {
        _environment[BenchOptions.TokenVariable] = PosAdminToken;

        var options = await RunAsync<BenchOptions>("orders", "--pg", "host=/tmp dbname=bench");

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.Url);
        Assert.Equal(PosAdminToken, options.Token);
        Assert.Equal("host=/tmp dbname=bench", options.PgConnInfo);
        Assert.Equal("/usr/lib/postgresql/15/bin/pgbench", options.PgBenchPath);
        Assert.Equal([1, 8, 32], options.Clients);
        Assert.Equal(10, options.Seconds);
        Assert.Equal(2, options.WarmupSeconds);
        Assert.Null(options.MarkdownPath);
        Assert.False(options.PgOnly);
    }

    [Fact]
    public async Task Orders_reads_every_option_the_pos_script_passes()
    {
        var options = await RunAsync<BenchOptions>(
            "orders", "--url", "http://127.0.0.1:5081", "--token", "t0k", "--pg", "host=/s port=5432 user=pos dbname=bench",
            "--pgbench", "/opt/pg/pgbench", "--clients", "1,8,32", "--seconds=7", "--warmup", "5", "--markdown", "orders.md");

        Assert.Equal(new Uri("http://127.0.0.1:5081/"), options.Url);
        Assert.Equal("t0k", options.Token);
        Assert.Equal("/opt/pg/pgbench", options.PgBenchPath);
        Assert.Equal(7, options.Seconds);
        Assert.Equal(5, options.WarmupSeconds);
        Assert.Equal("orders.md", options.MarkdownPath);
    }

    [Fact]
    public async Task Orders_with_pg_only_needs_no_token()
    {
        var options = await RunAsync<BenchOptions>("orders", "--pg-only", "--pg", "dbname=bench", "--clients", "32");

        Assert.True(options.PgOnly);
        Assert.Null(options.Token);
        Assert.Equal([32], options.Clients);
    }

    [Fact]
    public async Task Printing_gets_its_defaults_and_reads_the_options_the_pos_script_passes()
    {
        _environment[BenchOptions.TokenVariable] = PosAdminToken;
        var defaults = await RunAsync<PrintingOptions>("printing");
        Assert.Equal((new Uri("http://127.0.0.1:5080/"), PosAdminToken, 1000, 4, 50, TimeSpan.FromSeconds(10)),
            (defaults.Url, defaults.Token, defaults.Orders, defaults.Clients, defaults.Warmup, defaults.TicketTimeout));

        var options = await RunAsync<PrintingOptions>(
            "printing", "--url", "http://127.0.0.1:5081", "--token", "t0k", "--orders", "1000", "--clients", "4",
            "--warmup", "200", "--ticket-timeout", "3", "--markdown", "printing.md");

        Assert.Equal((new Uri("http://127.0.0.1:5081/"), "t0k", 200, TimeSpan.FromSeconds(3), "printing.md"),
            (options.Url, options.Token, options.Warmup, options.TicketTimeout, options.MarkdownPath));
    }

    [Fact]
    public async Task Cloud_reads_a_list_of_silos_and_takes_token_and_database_from_the_environment()
    {
        _environment[CloudOptions.TokenVariable] = "hq-token";
        _environment[CloudOptions.DatabaseVariable] = "Host=/tmp;Database=cloud";

        var defaults = await RunAsync<CloudOptions>("cloud");
        Assert.Equal([new Uri("http://127.0.0.1:5090/")], defaults.SiloUrls);
        Assert.Equal(("hq-token", "Host=/tmp;Database=cloud", null), (defaults.Token, defaults.CloudDb, defaults.Silos));
        Assert.Equal((100, 2000, 50, 500), (defaults.Stores, defaults.EventsPerStore, defaults.Warmup, defaults.Batch));

        var options = await RunAsync<CloudOptions>(
            "cloud", "--url", "http://127.0.0.1:5091,http://127.0.0.1:5092", "--silos", "1", "--token", "t0k",
            "--cloud-db", "Host=/s;Database=cloud_bench", "--stores", "100", "--events-per-store", "2000", "--batch", "500");

        Assert.Equal(2, options.Urls.Count);
        Assert.Equal([new Uri("http://127.0.0.1:5091/")], options.SiloUrls);
        Assert.Equal(("t0k", "Host=/s;Database=cloud_bench"), (options.Token, options.CloudDb));
    }

    [Fact]
    public async Task Backlog_reads_the_built_hosts_and_resolves_its_work_folder()
    {
        var dll = typeof(BenchCommandLineTests).Assembly.Location;

        var options = await RunAsync<BacklogOptions>(
            "backlog", "--appliance-dll", dll, "--cloud-dll", dll, "--pg", "Host=/s;Username=pos", "--work", "bench-work");

        Assert.Equal((dll, dll, "Host=/s;Username=pos"), (options.ApplianceDll, options.CloudDll, options.Pg));
        Assert.Equal(Path.GetFullPath("bench-work"), options.WorkDir);
        Assert.Equal((36_000L, 8, 5083, 5191), (options.Events, options.Clients, options.AppliancePort, options.CloudPort));
    }

    [Fact]
    public async Task Staffapp_gets_its_defaults_and_the_chromium_from_the_environment_and_reads_the_options_the_pos_script_passes()
    {
        _environment[BenchOptions.TokenVariable] = PosAdminToken;
        _environment[StaffAppOptions.ChromiumVariable] = "/opt/chromium";
        var defaults = await RunAsync<StaffAppOptions>("staffapp");
        Assert.Equal((new Uri("http://127.0.0.1:5080/"), PosAdminToken, "/opt/chromium", 20, 3, 10, 50),
            (defaults.Url, defaults.Token, defaults.Chromium, defaults.OpenOrders, defaults.FirstLoads, defaults.Reloads, defaults.Taps));

        var options = await RunAsync<StaffAppOptions>(
            "staffapp", "--url", "http://127.0.0.1:5081", "--token", "t0k", "--chromium", "/usr/bin/chromium", "--orders", "5",
            "--reloads", "4", "--taps", "7", "--markdown", "staffapp.md");

        Assert.Equal((new Uri("http://127.0.0.1:5081/"), "t0k", "/usr/bin/chromium", 5, 4, 7, "staffapp.md"),
            (options.Url, options.Token, options.Chromium, options.OpenOrders, options.Reloads, options.Taps, options.MarkdownPath));
    }

    [Theory]
    [InlineData("error: Required command was not provided.")]
    [InlineData("Unrecognized command or argument 'orderz'", "orderz")]
    [InlineData("Unrecognized command or argument '--frob'", "orders", "--pg-only", "--pg", "x", "--frob")]
    [InlineData("Option '--pg' is required.", "orders", "--pg-only")]
    [InlineData("bad value for --seconds: '0' (a whole number of at least 1)", "orders", "--pg-only", "--pg", "x", "--seconds", "0")]
    [InlineData("bad value for --clients: 'x'", "orders", "--pg-only", "--pg", "x", "--clients", "1,x")]
    [InlineData("--token is required (or set POS_ADMIN_TOKEN), unless --pg-only", "orders", "--pg", "x")]
    [InlineData("bad value for --url: 'ftp://printers' (an http or https URL)", "printing", "--token", "t", "--url", "ftp://printers")]
    [InlineData("--token is required (or set POS_ADMIN_TOKEN)", "printing")]
    [InlineData("bad value for --stores: '10000' (a whole number from 1 to 9999)", "cloud", "--token", "t", "--cloud-db", "c", "--stores", "10000")]
    [InlineData("--silos 2 but --url names 1 silo(s)", "cloud", "--token", "t", "--cloud-db", "c", "--silos", "2")]
    [InlineData("--cloud-db is required (or set POS_CLOUD_DB)", "cloud", "--token", "t")]
    [InlineData("--appliance-dll: no such file '/no/such.dll'", "backlog", "--appliance-dll", "/no/such.dll", "--cloud-dll", "/no/such.dll", "--pg", "x")]
    [InlineData("bad value for --cloud-port: '70000' (a whole number from 1 to 65535)", "backlog", "--cloud-port", "70000")]
    [InlineData("--token is required (or set POS_ADMIN_TOKEN)", "staffapp")]
    [InlineData("bad value for --taps: '0' (a whole number from 1 to 1000)", "staffapp", "--token", "t", "--taps", "0")]
    public async Task A_bad_argument_is_a_usage_error_naming_it_and_nothing_runs(string message, params string[] args)
    {
        var exitCode = await InvokeAsync(args);

        Assert.Equal(BenchCommandLine.BadArguments, exitCode);
        Assert.Null(_ran);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help' for the options.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_subcommands_and_each_subcommand_its_options_without_running_anything()
    {
        Assert.Equal(0, await InvokeAsync("--help"));
        foreach (var subcommand in new[] { "orders", "printing", "cloud", "backlog", "staffapp" })
        {
            Assert.Contains($"  {subcommand} ", _output.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await InvokeAsync("printing", "--help"));
        Assert.Contains("--ticket-timeout <N>", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[default: 1000]", _output.ToString(), StringComparison.Ordinal);
        Assert.Null(_ran);
        Assert.Equal("", _error.ToString());
    }

    private async Task<T> RunAsync<T>(params string[] args)
    {
        var exitCode = await InvokeAsync(args);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {_error}");
        return Assert.IsType<T>(_ran);
    }

    private Task<int> InvokeAsync(params string[] args)
    {
        var actions = new BenchActions(Record, Record, Record, Record, Record, Record, Record);
        var commandLine = BenchCommandLine.Create(actions, name => _environment.GetValueOrDefault(name));
        return BenchCommandLine.InvokeAsync(commandLine, args, _output, _error, CancellationToken.None);
    }

    private Task<int> Record<T>(T options, CancellationToken cancellationToken)
    {
        _ran = options;
        return Task.FromResult(0);
    }
}
