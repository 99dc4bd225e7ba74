using System.Net;
using System.Net.Sockets;

namespace Pos.Tools;

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
/// A TCP proxy on loopback between the appliance and the cloud, switched by the test (or the chaos suite): real
/// sockets, real connection failures and lost answers, with no change to either side. Switching mode also cuts the
/// connections already open, so a pooled connection cannot slip past a new mode. With several upstreams (a cloud's
/// silos) it is their load balancer too: each connection goes to the next in turn, and to the one after when that
/// one refuses it (a silo down). Compiled into tools/Shared for the end-to-end tests and tools/Chaos.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint[] _upstreams;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile ProxyMode _mode;
    private int _forwardedRequests;
    private int _next;

    public FaultProxy(Uri upstream, ProxyMode mode = ProxyMode.Pass)
        : this([upstream], mode)
    {
    }

    /// <summary>A proxy in front of several servers serving the same thing, round robin, skipping one that refuses.</summary>
    public FaultProxy(IReadOnlyList<Uri> upstreams, ProxyMode mode = ProxyMode.Pass)
    {
        ArgumentOutOfRangeException.ThrowIfZero(upstreams.Count);
        _upstreams = [.. upstreams.Select(u => new IPEndPoint(IPAddress.Parse(u.Host), u.Port))];
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
        TcpClient? upstream = null;
        lock (_open)
        {
            _open.Add(client);
        }
        try
        {
            upstream = await ConnectAsync();
            lock (_open)
            {
                _open.Add(upstream);
            }
            if (_mode != mode)
            {
                return; // switched while connecting: this connection belongs to the old mode
            }
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
                if (upstream is not null)
                {
                    _open.Remove(upstream);
                }
            }
            client.Dispose();
            upstream?.Dispose();
        }
    }

    // The next upstream in turn; on a refusal the ones after it, each once, before the connection is given up.
    private async Task<TcpClient> ConnectAsync()
    {
        var first = (uint)Interlocked.Increment(ref _next);
        for (var i = 0u; ; i++)
        {
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(_upstreams[(first + i) % (uint)_upstreams.Length], _stop.Token);
                return upstream;
            }
            catch (SocketException) when (i + 1 < _upstreams.Length)
            {
                // That one is down: the next.
                upstream.Dispose();
            }
            catch
            {
                upstream.Dispose();
                throw;
            }
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
