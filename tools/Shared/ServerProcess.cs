using System.Diagnostics;
using System.Globalization;

namespace Pos.Tools;

/// <summary>
/// A server of this repository (the appliance or a cloud silo) as a real operating-system process: started with
/// its environment, its output kept in a log file, ready once a URL answers. The end-to-end tests kill it with
/// SIGKILL on purpose; the benchmark stops it with SIGTERM, so a silo leaves its cluster cleanly.
/// Compiled into tools/Bench and tests/EndToEnd.Tests.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly bool _graceful;

    private ServerProcess(Process process, StreamWriter log, string logPath, bool graceful)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        _graceful = graceful;
    }

    public int Pid => _process.Id;

    /// <summary>The file the process's standard output and error go to, line by line.</summary>
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;


    /// <summary>
    /// Runs <c>dotnet &lt;dll&gt;</c> from the dll's folder and polls <paramref name="ready"/> until it answers 2xx
    /// (90 s at most). <paramref name="graceful"/>: disposing sends SIGTERM and waits, instead of killing.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, IEnumerable<KeyValuePair<string, string>> environment, string logDir, string what, Uri ready,
        bool graceful = false, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(logDir);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {what}.");
        var logPath = Path.Combine(logDir, $"{Path.GetFileNameWithoutExtension(dll)}-{process.Id}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, logPath, graceful);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                // Read before disposing: a disposed process has no exit code to give.
                var exitCode = process.ExitCode;
                await server.DisposeAsync();
                throw new InvalidOperationException($"The {what} exited with {exitCode}; its log is in {logPath}.");
            }
            try
            {
                using var answer = await probe.GetAsync(ready, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > ReadyWithin)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"The {what} did not answer {ready} within {ReadyWithin.TotalSeconds:0} s; its log is in {logDir}.");
            }
            await poll.WaitForNextTickAsync(cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut for the process.</summary>
    public Task KillAsync() => SignalAsync("-KILL");

    /// <summary>
    /// SIGTERM, as systemd or Ctrl-C stop a server, and waits up to <paramref name="patience"/> for it to exit (then
    /// kills it); returns its exit code.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        await SignalAsync("-TERM", patience);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_graceful)
            {
                await SignalAsync("-TERM", TimeSpan.FromSeconds(30));
            }
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private async Task SignalAsync(string signal, TimeSpan? patience = null)
    {
        using (var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var wait = patience is { } p ? new CancellationTokenSource(p) : new CancellationTokenSource();
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // It did not stop in time; the caller kills it.
        }
    }

    /// <summary>What the process has written so far (its log can be read while it runs).</summary>
    public string Output()
    {
        lock (_log)
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return reader.ReadToEnd();
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
