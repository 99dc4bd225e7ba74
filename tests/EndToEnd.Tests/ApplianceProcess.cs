using System.Globalization;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests;

/// <summary>
/// The appliance as a real operating-system process (the same build `./pos run appliance` starts), so a
/// test can kill it with SIGKILL and start it again on the same database.
/// </summary>
public sealed class ApplianceProcess : IAsyncDisposable
{
    public const string AdminToken = "e2e-admin-token-at-least-32-characters";

    private readonly ServerProcess _server;

    private ApplianceProcess(ServerProcess server, Uri baseAddress)
    {
        _server = server;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Pid => _server.Pid;

    /// <summary>Everything the process wrote to its console so far: the start-up banner and its logs.</summary>
    public string Output() => _server.Output();

    /// <summary>
    /// Starts the appliance on a database, or with <paramref name="connectionString"/> null on the embedded cluster
    /// in <paramref name="dataDir"/> (no POS_DB); <paramref name="extra"/> are more POS_* settings (e.g. the cloud link);
    /// with <paramref name="httpsPort"/> it listens on https://127.0.0.1 at that port as well.
    /// </summary>
    public static async Task<ApplianceProcess> StartAsync(
        string? connectionString, string dataDir, IDictionary<string, string>? extra = null, int? httpsPort = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["POS_DATA"] = dataDir,
            ["POS_ADMIN_TOKEN"] = AdminToken,
            ["POS_URLS"] = $"http://127.0.0.1:{port}" + (httpsPort is { } tls ? $";https://127.0.0.1:{tls}" : ""),
            ["POS_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["POS_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        if (connectionString is not null)
        {
            environment["POS_DB"] = connectionString;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var server = await ServerProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Pos.Appliance.dll"), environment, dataDir, "appliance process", new Uri(baseAddress, "/health/ready"));
        return new ApplianceProcess(server, baseAddress);
    }

    public HttpClient NewClient() => PosClient.NewClient(BaseAddress, AdminToken);

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut for the process.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>SIGTERM, a clean stop (systemd, Ctrl-C); waits for the process to exit and returns its exit code.</summary>
    public Task<int> StopAsync() => _server.StopAsync(TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
