using System.Diagnostics;
using System.Globalization;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests;

/// <summary>
/// A server of this repository (the appliance or a cloud silo) as a real operating-system process: started with
/// its environment, its output kept in a log file, ready once a URL answers, and killable with SIGKILL.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Runs <c>dotnet &lt;dll&gt;</c> from the dll's folder and waits until <paramref name="ready"/> answers 2xx.</summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, IEnumerable<KeyValuePair<string, string>> environment, string logDir, string what, Uri ready)
    {
        Directory.CreateDirectory(logDir);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {what}.");
        var log = new StreamWriter(Path.Combine(logDir, $"{Path.GetFileNameWithoutExtension(dll)}-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {what} exited with {process.ExitCode}; its log is in {logDir}.");
            }
            using var r = await probe.GetAsync(ready);
            return r.IsSuccessStatusCode;
        }, ok => ok, TimeSpan.FromSeconds(90), $"the {what} to answer {ready}");
        return server;
    }

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
