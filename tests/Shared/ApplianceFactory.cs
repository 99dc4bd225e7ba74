using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pos.Grains.Clock;

namespace Pos.Tests.Shared;

/// <summary>
/// The appliance in this test process, on real Kestrel sockets and a PostgreSQL database of its own.
/// The store clock runs on a <see cref="FakeTimeProvider"/> the test moves.
/// </summary>
public sealed class ApplianceFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token-at-least-32-characters";

    private readonly int _port = FreePort.Next();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pos-test-").FullName;

    /// <summary>The appliance's data folder (POS_DATA): where it keeps a generated admin token, its TLS files.</summary>
    public string DataDir => _dataDir;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ApplianceFactory(
        string connectionString, StoreClockOptions? clock = null, DateTimeOffset? start = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        _services = services;
        ClockOptions = clock ?? new StoreClockOptions { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) };
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(-5)));
        UseKestrel(_port);
    }

    public string ConnectionString { get; }
    public StoreClockOptions ClockOptions { get; }
    public FakeTimeProvider Time { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>
    /// Starts an appliance on a new database; <paramref name="settings"/> are more POS_* settings (e.g. the cloud link),
    /// <paramref name="services"/> replaces services after the appliance registered its own (e.g. a clock the test moves).
    /// </summary>
    public static async Task<ApplianceFactory> StartAsync(
        StoreClockOptions? clock = null, DateTimeOffset? start = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var factory = new ApplianceFactory(await TestPostgres.CreateDatabaseAsync(), clock, start, settings, services);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
        return factory;
    }

    public HttpClient NewClient(string token = AdminToken) => PosClient.NewClient(BaseAddress, token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("POS_DB", ConnectionString);
        builder.UseSetting("POS_DATA", _dataDir);
        builder.UseSetting("POS_ADMIN_TOKEN", AdminToken);
        builder.UseSetting("POS_SILO_PORT", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("POS_GATEWAY_PORT", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("POS_URLS", BaseAddress.ToString());
        // No nightly backup server in every test appliance; a test that wants one sets a schedule.
        builder.UseSetting("POS_BACKUP_CRON", "off");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new StoreClock(Time, ClockOptions));
            _services?.Invoke(services);
        });
        if (TestLogFiles.Folder is { } logs)
        {
            Directory.CreateDirectory(logs);
            builder.ConfigureLogging(l => l.AddProvider(new TestLogFiles(Path.Combine(logs, $"appliance-{_port}.log"))));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
