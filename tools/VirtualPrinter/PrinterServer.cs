using System.Net;
using System.Net.Sockets;

namespace Pos.VirtualPrinter;

/// <summary>The ESC/POS port: accepts hosts the way a network printer's raw port (9100) does.</summary>
internal sealed class PrinterServer(IPEndPoint endPoint, PrinterState state, TicketSink sink, string name)
{
    public async Task RunAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true; // answers are a few bytes; send them now
                connections.Add(new PrinterConnection(client, state, sink, name).RunAsync(cancellationToken));
                connections.RemoveAll(c => c.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        await Task.WhenAll(connections).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public TcpListener Listen()
    {
        var listener = new TcpListener(endPoint);
        listener.Start();
        return listener;
    }
}
