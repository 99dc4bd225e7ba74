using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Pos.Appliance.Tests.Idempotency;

/// <summary>
/// A TCP proxy in front of the appliance that loses answers: it forwards each request whole, and the moment the
/// appliance starts to answer it resets the client's connection instead of passing the answer on. The appliance
/// answers only after it committed, so the client is left not knowing that its command took effect. The proxy
/// reads the answer it swallowed to the end (send requests with Connection: close) and keeps it, so a test can
/// compare a retry's answer with the one that was lost.
/// </summary>
public sealed class ResponseDroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<byte[]> _dropped = Channel.CreateUnbounded<byte[]>();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public ResponseDroppingProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The next answer the proxy kept from its client, once the appliance has sent all of it.</summary>
    public async Task<LostResponse> NextLostAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return LostResponse.Parse(await _dropped.Reader.ReadAsync(deadline.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }
        await Task.WhenAll(running);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections)
            {
                _connections.Add(HandleAsync(client));
            }
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var forwarding = ForwardAsync(client.GetStream(), upstream.GetStream());
            var answer = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await upstream.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (answer.Length == 0)
                {
                    // The first byte of the answer: the command has committed. The client gets a reset, not the answer.
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Client.Close();
                }
                answer.Write(buffer, 0, read);
            }
            await forwarding;
            if (answer.Length > 0)
            {
                _dropped.Writer.TryWrite(answer.ToArray());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Stopping, or the appliance went away: nothing to keep.
        }
    }

    /// <summary>Client to appliance, until the client is gone (its socket is closed once the answer starts).</summary>
    private async Task ForwardAsync(NetworkStream fromClient, NetworkStream toAppliance)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await fromClient.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await toAppliance.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client's side was closed by us, or we are stopping.
        }
    }
}

/// <summary>An HTTP/1.1 answer as it came over the wire: status, headers, and the body (de-chunked).</summary>
public sealed record LostResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static LostResponse Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new FormatException("The answer has no end of headers.");
        }
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = raw.AsSpan(end + 4);
        var bytes = headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(body)
            : headers.TryGetValue("Content-Length", out var length) ? body[..int.Parse(length, CultureInfo.InvariantCulture)].ToArray() : body.ToArray();
        return new LostResponse(status, headers, Encoding.UTF8.GetString(bytes));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var output = new MemoryStream();
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            chunked = chunked[(lineEnd + 2)..];
            if (size == 0)
            {
                return output.ToArray();
            }
            output.Write(chunked[..size]);
            chunked = chunked[(size + 2)..];
        }
    }
}
