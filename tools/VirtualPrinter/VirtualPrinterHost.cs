using System.Net;
using System.Net.Sockets;

namespace Pos.VirtualPrinter;

/// <summary>
/// The virtual printer hosted inside another process (tests, the benchmark): the same TCP server as the
/// command-line tool, on a port of its own, with its mode set directly instead of over the control port.
/// </summary>
public sealed class VirtualPrinterHost : IAsyncDisposable
{
    private readonly PrinterState _state = new();
    private readonly TicketSink _sink;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _disposed;

    private VirtualPrinterHost(string name, string? folder, TextWriter log, int port)
    {
        _sink = new TicketSink(folder, name, log);
        var server = new PrinterServer(new IPEndPoint(IPAddress.Loopback, port), _state, _sink, name);
        _listener = server.Listen();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = server.RunAsync(_listener, _stop.Token);
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free port). Tickets go to <paramref name="folder"/> when given.</summary>
    public static VirtualPrinterHost Start(string name, int port = 0, string? folder = null, TextWriter? log = null) =>
        new(name, folder, log ?? TextWriter.Null, port);

    public int Port { get; }

    /// <summary>Every ticket printed so far, in order.</summary>
    public IReadOnlyList<ReceivedTicket> Tickets => _sink.Tickets;

    /// <summary>Every drawer kick (ESC p) received so far, decoded, in order.</summary>
    public IReadOnlyList<ReceivedKick> Kicks => _sink.Kicks;

    /// <summary>Raised on the connection's thread as each ticket is cut.</summary>
    public event Action<ReceivedTicket>? Received
    {
        add => _sink.Received += value;
        remove => _sink.Received -= value;
    }

    /// <summary>online, offline, paper-out, cover-open, "slow 500", drop-next; throws on anything else.</summary>
    public void SetMode(params string[] words)
    {
        if (_state.Apply(words) is { } error)
        {
            throw new ArgumentException(error, nameof(words));
        }
    }

    /// <summary>Stops accepting; later connection attempts are refused, as with a printer switched off.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
