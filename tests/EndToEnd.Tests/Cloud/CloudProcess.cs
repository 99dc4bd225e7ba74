using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// One cloud silo as an operating-system process, the build `./pos run cloud` starts, so a test can run several in
/// one cluster on one database and SIGKILL one of them.
/// </summary>
/// <remarks>
/// It runs from the cloud's own build output (the test project builds it without referencing it): the cloud and
/// the appliance are both web apps, and the cloud compiles the appliance's database helpers into itself under the
/// same names, so the two do not share a folder.
/// </remarks>
public sealed class CloudProcess : IAsyncDisposable
{
    public const string AdminToken = "e2e-hq-admin-token-at-least-32-characters";

    private readonly ServerProcess _server;

    private CloudProcess(ServerProcess server, Uri baseAddress)
    {
        _server = server;
        BaseAddress = baseAddress;
    }

    /// <summary>Where this silo serves HTTP.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _server.HasExited;

    /// <summary>The silo's process id (the dotnet host runs it in its own process).</summary>
    public int Pid => _server.Pid;

    /// <summary>
    /// Starts a silo on <paramref name="connectionString"/> and waits until it serves HTTP. Silos started on the same
    /// database with the same <paramref name="clusterId"/> form one Orleans cluster. <paramref name="extra"/> are more
    /// settings of its environment (e.g. log levels).
    /// </summary>
    public static async Task<CloudProcess> StartAsync(
        string connectionString, string dataDir, string clusterId = "hq", IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["POS_CLOUD_DB"] = connectionString,
            ["POS_DATA"] = dataDir,
            ["POS_CLOUD_ADMIN_TOKEN"] = AdminToken,
            ["POS_CLOUD_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["POS_CLOUD_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["POS_CLOUD_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["POS_CLOUD_CLUSTER_ID"] = clusterId,
            // 1 s liveness probes, so a SIGKILLed silo is found dead in about 3 s rather than Orleans' 8 to 15 s.
            ["POS_CLOUD_PROBE_SECONDS"] = "1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var server = await ServerProcess.StartAsync(
            Path.Combine(OutputDir(), "Pos.Cloud.dll"), environment, dataDir, $"cloud silo on port {port}", new Uri(baseAddress, "/health/live"));
        return new CloudProcess(server, baseAddress);
    }

    /// <summary>Everything the silo wrote to its console so far: its logs.</summary>
    public string Output() => _server.Output();

    /// <summary>A client for the HQ routes (the admin token as bearer).</summary>
    public HttpClient NewClient()
    {
        var client = NewStoreClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>A client without credentials, as a store's sync uses: its batches carry their own signature.</summary>
    public HttpClient NewStoreClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>SIGKILL: the silo leaves no word; the cluster has to find out it is gone.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>SIGTERM, as systemd stops a silo: it leaves its cluster; returns its exit code.</summary>
    public Task<int> StopAsync(TimeSpan patience) => _server.StopAsync(patience);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Cloud/bin/&lt;configuration&gt;/&lt;framework&gt;, written into this assembly by the project file.</summary>
    internal static string OutputDir()
    {
        var dir = typeof(CloudProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "CloudOutputDir")?.Value
            ?? throw new InvalidOperationException("The test assembly does not say where the cloud is built (AssemblyMetadata CloudOutputDir).");
        return File.Exists(Path.Combine(dir, "Pos.Cloud.dll"))
            ? dir
            : throw new FileNotFoundException($"Pos.Cloud.dll is not in {dir}; build the solution first.");
    }
}
