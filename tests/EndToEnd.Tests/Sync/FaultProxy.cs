using System.Net;
using System.Net.Sockets;

namespace Pos.EndToEnd.Tests.Sync;

/// <summary>What the proxy does to the connections it accepts.</summary>
public enum ProxyMode
{
    /// <summary>Bytes flow both ways: the cloud is reachable.</summary>
    Pass,

    /// <summary>Every connection is closed at once, as when the line is down: the cloud is unreachable.</summary>
    Refuse,

    /// <summary>Requests reach the cloud; its answers never come back (the response is lost on the way).</summary>
    SwallowAnswers,
}

/// <summary>
/// A TCP proxy on loopback between the appliance and the cloud, switched by the test: real sockets, real
/// connection failures and lost answers, with no change to either side. Switching mode also cuts the
/// connections already open, so a pooled connection cannot slip past a new mode.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile ProxyMode _mode;
    private int _forwardedRequests;

    public FaultProxy(Uri upstream, ProxyMode mode = ProxyMode.Pass)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _mode = mode;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections whose bytes went to the cloud.</summary>
    public int ForwardedConnections => Volatile.Read(ref _forwardedRequests);

    public ProxyMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            lock (_open)
            {
                foreach (var c in _open)
                {
                    c.Dispose();
                }
                _open.Clear();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var mode = _mode;
        if (mode == ProxyMode.Refuse)
        {
            client.Client.LingerState = new LingerOption(true, 0); // a reset, like a refused connection
            client.Dispose();
            return;
        }
        var upstream = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(_upstream, _stop.Token);
            Interlocked.Increment(ref _forwardedRequests);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token);
            var down = mode == ProxyMode.SwallowAnswers
                ? upstream.GetStream().CopyToAsync(Stream.Null, _stop.Token)
                : upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception)
        {
            // A side went away, or the mode changed: the connection ends, as it would on a real network.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
            client.Dispose();
            upstream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Mode = ProxyMode.Refuse;
        await _accepting;
        _stop.Dispose();
    }
}
