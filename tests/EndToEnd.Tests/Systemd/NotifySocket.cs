using System.Net.Sockets;
using System.Text;

namespace Pos.EndToEnd.Tests.Systemd;

/// <summary>
/// What systemd listens on for a Type=notify service: a Unix datagram socket whose path goes to the service as
/// NOTIFY_SOCKET. Each datagram is one notification (READY=1, WATCHDOG=1, STOPPING=1...).
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket;

    private NotifySocket(string path, Socket socket)
    {
        Path = path;
        _socket = socket;
    }

    public string Path { get; }

    public static NotifySocket Bind()
    {
        // Under /tmp: a Unix socket's path must fit in 107 bytes.
        var path = $"/tmp/pos-notify-{Guid.NewGuid():N}.sock";
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return new NotifySocket(path, socket);
    }

    /// <summary>The next notification, or null when none came within <paramref name="within"/>.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan within)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(within);
        try
        {
            var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, n).Trim();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Notifications until one equals <paramref name="wanted"/> (included); fails when none comes within <paramref name="within"/>.</summary>
    public async Task<List<string>> ReceiveUntilAsync(string wanted, TimeSpan within)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null)
            {
                break;
            }
            seen.Add(message);
            if (message == wanted)
            {
                return seen;
            }
        }
        Assert.Fail($"no {wanted} within {within.TotalSeconds:0} s; received: [{string.Join(", ", seen)}]");
        return seen;
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
