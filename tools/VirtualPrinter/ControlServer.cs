using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pos.VirtualPrinter;

/// <summary>
/// A line protocol for tests and people: "mode online|offline|paper-out|cover-open|slow &lt;ms&gt;|drop-next"
/// answers "ok"; "status" answers the mode; "tickets" answers how many tickets were printed; "kicks" how many drawer kicks came, and each ("drawer kick pin 0 ...").
/// </summary>
internal sealed class ControlServer(IPEndPoint endPoint, PrinterState state, TicketSink sink, string name)
{
    public TcpListener Listen()
    {
        var listener = new TcpListener(endPoint);
        listener.Start();
        return listener;
    }

    public async Task RunAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                _ = ServeAsync(client, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var reply = Handle(line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                await writer.WriteLineAsync(reply.AsMemory(), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The controller went away; nothing to tell it.
        }
    }

    private string Handle(string[] words)
    {
        switch (words.FirstOrDefault())
        {
            case "mode":
                var error = state.Apply(words[1..]);
                sink.Log.WriteLine($"{name} control: {string.Join(' ', words)} -> {error ?? state.ToString()}");
                return error is null ? "ok" : $"error: {error}";
            case "status":
                return state.ToString();
            case "tickets":
                return sink.Count.ToString(CultureInfo.InvariantCulture);
            case "kicks":
                // How many, then each: "2: drawer kick pin 0 (50 ms on, 500 ms off); drawer kick pin 1 (...)".
                var kicks = sink.Kicks;
                return kicks.Count == 0 ? "0" : $"{kicks.Count}: {string.Join("; ", kicks)}";
            default:
                return $"error: unknown command '{string.Join(' ', words)}'; use mode {PrinterState.Usage}, status, tickets or kicks";
        }
    }
}
