using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Pos.Tools;

/// <summary>
/// Clients that connect from another loopback address (127.0.0.2, 127.0.0.3...: all of 127/8 is the loopback on
/// Linux), so a server sees several client addresses from one test machine.
/// </summary>
public static class LoopbackAddress
{
    /// <summary>
    /// A client whose connections come from <paramref name="from"/>; with <paramref name="token"/> as its bearer token,
    /// and <paramref name="configure"/> to set more of its handler.
    /// </summary>
    public static HttpClient NewClient(string from, Uri baseAddress, string? token = null, Action<SocketsHttpHandler>? configure = null)
    {
        var local = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        configure?.Invoke(handler);
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }
}
