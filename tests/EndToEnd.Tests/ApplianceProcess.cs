using System.Diagnostics;
using System.Globalization;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests;

/// <summary>
/// The appliance as a real operating-system process (the same build `./pos run appliance` starts), so a
/// test can kill it with SIGKILL and start it again on the same database.
/// </summary>
public sealed class ApplianceProcess : IAsyncDisposable
{
    public const string AdminToken = "e2e-admin-token";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApplianceProcess(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    public static async Task<ApplianceProcess> StartAsync(string connectionString, string dataDir, IDictionary<string, string>? extra = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Pos.Appliance.dll");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["POS_DB"] = connectionString;
        start.Environment["POS_DATA"] = dataDir;
        start.Environment["POS_ADMIN_TOKEN"] = AdminToken;
        start.Environment["POS_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["POS_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["POS_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the appliance.");
        var log = new StreamWriter(Path.Combine(dataDir, $"appliance-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var appliance = new ApplianceProcess(process, new Uri($"http://127.0.0.1:{port}"), log);
        using var probe = appliance.NewClient();
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The appliance exited with {process.ExitCode}; see {dataDir}.");
            }
            using var r = await probe.GetAsync("/health/ready");
            return r.IsSuccessStatusCode;
        }, ok => ok, TimeSpan.FromSeconds(90), "the appliance process to be ready");
        return appliance;
    }

    public HttpClient NewClient() => PosClient.NewClient(BaseAddress, AdminToken);

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut for the process.</summary>
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
