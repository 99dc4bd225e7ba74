using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using Pos.Tests.Shared;

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
    public const string AdminToken = "e2e-hq-admin-token";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private CloudProcess(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    /// <summary>Where this silo serves HTTP.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a silo on <paramref name="connectionString"/> and waits until it serves HTTP. Silos started on the same
    /// database with the same <paramref name="clusterId"/> form one Orleans cluster.
    /// </summary>
    public static async Task<CloudProcess> StartAsync(string connectionString, string dataDir, string clusterId = "hq")
    {
        var outputDir = OutputDir();
        Directory.CreateDirectory(dataDir);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = outputDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(outputDir, "Pos.Cloud.dll"));
        start.Environment["POS_CLOUD_DB"] = connectionString;
        start.Environment["POS_DATA"] = dataDir;
        start.Environment["POS_CLOUD_ADMIN_TOKEN"] = AdminToken;
        start.Environment["POS_CLOUD_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["POS_CLOUD_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["POS_CLOUD_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["POS_CLOUD_CLUSTER_ID"] = clusterId;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the cloud silo.");
        var log = new StreamWriter(Path.Combine(dataDir, $"cloud-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new CloudProcess(process, new Uri($"http://127.0.0.1:{port}"), log);
        using var probe = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The cloud silo exited with {process.ExitCode}; its log is in {dataDir}.");
            }
            using var live = await probe.GetAsync("/health/live");
            return live.IsSuccessStatusCode;
        }, up => up, TimeSpan.FromSeconds(90), $"the cloud silo on port {port} to serve HTTP");
        return silo;
    }

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
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    /// <summary>Cloud/bin/&lt;configuration&gt;/&lt;framework&gt;, written into this assembly by the project file.</summary>
    private static string OutputDir()
    {
        var dir = typeof(CloudProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "CloudOutputDir")?.Value
            ?? throw new InvalidOperationException("The test assembly does not say where the cloud is built (AssemblyMetadata CloudOutputDir).");
        return File.Exists(Path.Combine(dir, "Pos.Cloud.dll"))
            ? dir
            : throw new FileNotFoundException($"Pos.Cloud.dll is not in {dir}; build the solution first.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process outlived its log by a line; nothing to keep.
            }
        }
    }
}
