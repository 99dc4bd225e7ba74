using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Pos.Bench.StaffApp;

/// <summary>
/// A TCP proxy on loopback between the browser and the appliance. It counts every byte the appliance sends to the
/// browser (HTTP headers included, exactly what a phone would receive over the Wi-Fi), and it can be cut: every open
/// connection is closed and new ones are refused, as when the appliance is switched off, then restored on the same
/// port (the app's origin, so its service worker and storage stay the same).
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private readonly IPEndPoint _appliance;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _toBrowser;
    private long _connections;

    private CountingProxy(IPEndPoint appliance, int port)
    {
        _appliance = appliance;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The address the browser opens: the appliance, through this proxy.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Bytes sent by the appliance to the browser since the proxy started.</summary>
    public long BytesToBrowser => Interlocked.Read(ref _toBrowser);

    /// <summary>TCP connections the browser opened through the proxy since it started.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public static async Task<CountingProxy> StartAsync(Uri appliance, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(appliance.Host, cancellationToken);
        var proxy = new CountingProxy(new IPEndPoint(addresses[0], appliance.Port), FreeLoopbackPort());
        proxy.Listen();
        return proxy;
    }

    /// <summary>Closes every connection and refuses new ones: the browser sees the appliance gone.</summary>
    public async Task CutAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting;
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        if (_listener is null)
        {
            Listen();
        }
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket browser;
            try
            {
                browser = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // stopped by CutAsync
            }

            Interlocked.Increment(ref _connections);
            _ = RelayAsync(browser);
        }
    }

    private async Task RelayAsync(Socket browser)
    {
        using var appliance = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        browser.NoDelay = true;
        _open.TryAdd(browser, 0);
        _open.TryAdd(appliance, 0);
        try
        {
            await appliance.ConnectAsync(_appliance);
            // Each direction ends on its own (a half-close is passed on); a reset or a cut closes both.
            await Task.WhenAll(CopyAsync(browser, appliance, counted: false), CopyAsync(appliance, browser, counted: true));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The appliance refused, or the proxy was cut: the browser's connection closes, as it would.
        }
        finally
        {
            _open.TryRemove(browser, out _);
            _open.TryRemove(appliance, out _);
            browser.Dispose();
        }
    }

    private async Task CopyAsync(Socket from, Socket to, bool counted)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (counted)
                {
                    Interlocked.Add(ref _toBrowser, read);
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // One side reset or the proxy was cut: the other side is closed too, as a lost connection would be.
            from.Dispose();
            to.Dispose();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
