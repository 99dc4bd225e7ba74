using Pos.Tools;

namespace Pos.Chaos.Stack;

/// <summary>
/// A server of the store (the appliance, a cloud silo) as a real process that the faults SIGKILL and the suite starts
/// again with the same settings and ports: the same program a restart by systemd would run.
/// </summary>
public sealed class RestartableServer(string dll, IReadOnlyDictionary<string, string> environment, string logDir, string what, Uri baseAddress, string readyPath)
    : IAsyncDisposable
{
    private ServerProcess? _process;

    public Uri BaseAddress { get; } = baseAddress;

    public string What { get; } = what;

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts the process and waits until <c>readyPath</c> answers 2xx.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _process = null;
        _process = await ServerProcess.StartAsync(dll, environment, logDir, What, new Uri(BaseAddress, readyPath), cancellationToken: cancellationToken);
    }

    /// <summary>SIGKILL, and waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            await process.KillAsync();
            await process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            await process.DisposeAsync();
            _process = null;
        }
    }
}
