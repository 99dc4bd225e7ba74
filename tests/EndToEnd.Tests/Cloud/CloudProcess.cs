using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// A cloud silo as a real operating-system process (the build `./pos run cloud` starts), on a PostgreSQL
/// database the test gives, so a test can run several in one cluster and kill one with SIGKILL.
/// </summary>
public sealed class CloudProcess : IAsyncDisposable
{
    public const string AdminToken = "e2e-hq-token";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private CloudProcess(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts a silo. Silos started with the same <paramref name="connectionString"/> and cluster id form one
    /// Orleans cluster (ADO.NET clustering), each serving the HTTP API on its own port.
    /// </summary>
    public static async Task<CloudProcess> StartAsync(string connectionString, string dataDir, string clusterId = "hq")
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            // The cloud runs from its own build output: it is a web app with its own dependencies.
            WorkingDirectory = CloudOutputDir(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(start.WorkingDirectory, "Pos.Cloud.dll"));
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
        var cloud = new CloudProcess(process, new Uri($"http://127.0.0.1:{port}"), log);
        using var probe = new HttpClient { BaseAddress = cloud.BaseAddress };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The cloud silo exited with {process.ExitCode}; see {dataDir}.");
            }
            using var r = await probe.GetAsync("/health/live");
            return r.IsSuccessStatusCode;
        }, ok => ok, TimeSpan.FromSeconds(90), "the cloud silo to be up");
        return cloud;
    }

    /// <summary>An HQ client (the admin token as bearer).</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>SIGKILL: the silo dies without leaving the cluster; the others must find out.</summary>
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

    /// <summary>Cloud/bin/&lt;configuration&gt;/net10.0 of this repository, built with the tests (see the project reference).</summary>
    private static string CloudOutputDir()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Appliance.sln")))
        {
            root = root.Parent;
        }
        var dir = Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("Appliance.sln not found above the test output."),
            "Cloud", "bin", configuration, testOutput.Name);
        return File.Exists(Path.Combine(dir, "Pos.Cloud.dll")) ? dir : throw new FileNotFoundException($"Pos.Cloud.dll is not built in {dir}.");
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
