using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pos.Bench.StaffApp;

/// <summary>
/// Keeps the browser inside the machine without intercepting its requests. Chromium is started with this listener as
/// its HTTP proxy; it sends loopback addresses straight (its own rule), so only a request for another host reaches
/// here, is noted and refused. Playwright's request routing would refuse them as well, but turning it on disables
/// the browser's HTTP cache, which would change the very bytes and times this benchmark measures. What the app asks
/// (its pages and its service worker, seen through the context's request events) is told apart from chromium's own
/// background requests (its updater and the like), which are refused too but are none of the app's doing.
/// </summary>
internal sealed class OutsideGuard : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _app = new();
    private readonly ConcurrentQueue<string> _browser = new();
    private readonly Task _accepting;
    private volatile bool _stopped;

    public OutsideGuard()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy address chromium is given (<c>--proxy-server</c>).</summary>
    public string ProxyServer => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Every request of the app (a page or its service worker) for a host outside loopback.</summary>
    public IReadOnlyCollection<string> FromApp => _app;

    /// <summary>Every request that reached this proxy: the app's above and chromium's own, all refused.</summary>
    public IReadOnlyCollection<string> Refused => _browser;

    /// <summary>Notes a URL a page or service worker asked for if its host is not loopback (from the context's request events).</summary>
    public void Check(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is not ("data" or "blob" or "about" or "chrome-extension") && !IsLoopback(uri.Host))
        {
            _app.Enqueue(url);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        _listener.Stop();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                using var socket = await _listener.AcceptSocketAsync();
                // The first line says where the browser wanted to go ("CONNECT host:443 ..." or "GET http://host/...").
                var buffer = new byte[512];
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                var text = Encoding.ASCII.GetString(buffer, 0, read);
                _browser.Enqueue(text.Split('\r', '\n')[0]);
            }
            catch (OperationCanceledException)
            {
                _browser.Enqueue("a connection that sent nothing");
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (_stopped)
                {
                    return;
                }
            }
        }
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
