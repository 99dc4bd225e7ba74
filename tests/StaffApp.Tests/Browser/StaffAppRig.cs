using System.Globalization;
using Microsoft.Playwright;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// One real appliance (its own process, on a database of the test PostgreSQL, serving the published staff app) and one
/// headless Debian chromium, shared by the browser tests of a collection. The appliance can be stopped for real and
/// started again on the same address, as a phone sees it when the appliance is switched off and on.
/// </summary>
public sealed class StaffAppRig : IAsyncLifetime
{
    public const string AdminToken = "staff-app-admin-token-at-least-32-characters";

    private readonly int _port = FreePort.Next();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pos-staffapp-").FullName;
    private Dictionary<string, string> _environment = [];
    private ServerProcess? _appliance;
    private IPlaywright? _playwright;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(RepoPaths.StaffAppPublishDir, "wwwroot", "index.html")))
        {
            throw new InvalidOperationException(
                $"The staff app is not published in {RepoPaths.StaffAppPublishDir}: run ./pos test (it publishes it), or " +
                "dotnet publish StaffApp/StaffApp.csproj -c Release -o StaffApp/bin/publish");
        }
        _environment = new Dictionary<string, string>
        {
            ["POS_DB"] = await TestPostgres.CreateDatabaseAsync("app"),
            ["POS_DATA"] = _dataDir,
            ["POS_ADMIN_TOKEN"] = AdminToken,
            ["POS_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["POS_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["POS_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["POS_STAFF_APP"] = RepoPaths.StaffAppPublishDir,
        };
        await StartApplianceAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path(),
            Headless = true,
            // Root in CI: chromium's sandbox needs a user namespace a container may not give.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>Starts the appliance (again) on the same address and database.</summary>
    public async Task StartApplianceAsync() =>
        _appliance = await ServerProcess.StartAsync(RepoPaths.ApplianceDll, _environment, _dataDir, "appliance", new Uri(BaseAddress, "/health/ready"));

    /// <summary>Stops the appliance's process (SIGTERM, waited for): its address answers nothing until started again.</summary>
    public async Task StopApplianceAsync()
    {
        if (_appliance is { } appliance)
        {
            await appliance.StopAsync(TimeSpan.FromSeconds(60));
            await appliance.DisposeAsync();
            _appliance = null;
        }
    }

    public bool ApplianceRuns => _appliance is { HasExited: false };

    public HttpClient NewAdminClient() => PosClient.NewClient(BaseAddress, AdminToken);

    /// <summary>A fresh phone: a browser context of its own (storage, service worker, cache), 390x844, touch.</summary>
    public Task<Phone> NewPhoneAsync() => Phone.OpenAsync(Browser, BaseAddress);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await StopApplianceAsync();
    }
}

/// <summary>The browser tests share one appliance and one browser; they run one after the other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StaffAppCollection : ICollectionFixture<StaffAppRig>
{
    public const string Name = "staff app in a browser";
}
