using System.Net.Sockets;
using Pos.Grains.Printing.EscPos;

namespace Pos.VirtualPrinter;

/// <summary>One host connected to the virtual printer: reads its ESC/POS stream and answers it.</summary>
internal sealed class PrinterConnection(TcpClient client, PrinterState state, TicketSink sink, string name)
{
    private readonly EscPosReader _reader = new();
    private readonly List<byte> _ticketBytes = [];
    private readonly List<EscPosCommand> _ticketCommands = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly string _peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
    private Task _answers = Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new byte[16 * 1024];
        var pending = 0;
        try
        {
            while (true)
            {
                if (pending == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await stream.ReadAsync(buffer.AsMemory(pending), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                pending += read;
                var consumed = await ProcessAsync(stream, buffer.AsMemory(0, pending), cancellationToken);
                if (consumed < 0)
                {
                    return; // dropped on purpose
                }
                // Keep a command cut off by the end of this read for the next one.
                Array.Copy(buffer, consumed, buffer, 0, pending - consumed);
                pending -= consumed;
            }
        }
        catch (IOException e)
        {
            Log($"connection error: {e.Message}");
        }
        if (_ticketBytes.Count > 0)
        {
            Log($"closed mid-ticket: {_ticketBytes.Count} bytes without a cut, not printed");
        }
    }

    // Returns the bytes consumed, or -1 when the connection was dropped on purpose.
    private async Task<int> ProcessAsync(NetworkStream stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var offset = 0;
        var discarded = 0;
        while (true)
        {
            var length = _reader.TryRead(data.Span[offset..], out var command);
            if (length == 0)
            {
                break;
            }
            var bytes = data.Span.Slice(offset, length).ToArray();
            offset += length;
            switch (command)
            {
                case RealTimeStatusRequestCommand request:
                    await AnswerStatusAsync(stream, request.Request, cancellationToken);
                    break;
                case RequestProcessIdCommand request:
                    AnswerProcessId(stream, request.Id, cancellationToken);
                    break;
                case not null when !state.Prints:
                    discarded += length;
                    break;
                case not null when state.TakeDropNext():
                    Log($"drop-next: closing the connection mid-ticket after {_ticketBytes.Count + length} bytes; nothing printed");
                    client.Client.Close(0);
                    return -1;
                case DrawerKickCommand kick:
                    // Not paper: the drawer opens at once, whatever ticket is being built around it.
                    sink.Kick(kick, _peer);
                    break;
                case CutCommand:
                    _ticketBytes.AddRange(bytes);
                    _ticketCommands.Add(command);
                    await sink.WriteAsync([.. _ticketBytes], [.. _ticketCommands], cancellationToken);
                    _ticketBytes.Clear();
                    _ticketCommands.Clear();
                    break;
                default:
                    _ticketBytes.AddRange(bytes);
                    _ticketCommands.Add(command!);
                    break;
            }
        }
        if (discarded > 0)
        {
            Log($"{state}: discarded {discarded} bytes, nothing printed");
        }
        return offset;
    }

    // Real-time: answered at once, whatever is still being printed.
    private async Task AnswerStatusAsync(NetworkStream stream, byte n, CancellationToken cancellationToken)
    {
        if (n is < (byte)StatusRequest.Printer or > (byte)StatusRequest.RollPaperSensor)
        {
            Log($"status request n={n} ignored (not 1-4)");
            return;
        }
        var status = state.Status;
        var answer = EscPosStatus.ResponseFor((StatusRequest)n, status);
        await SendAsync(stream, [answer], cancellationToken);
        if (status != PrinterStatus.Online)
        {
            // Hosts ask for status before every ticket and while idle; only a problem is worth a line.
            Log($"status n={n}: answered 0x{answer:X2} ({status})");
        }
    }

    private void AnswerProcessId(NetworkStream stream, ProcessId id, CancellationToken cancellationToken)
    {
        if (!state.Prints)
        {
            Log($"process ID {id}: not answered ({state})");
            return;
        }
        var delay = state.AnswerDelay;
        var previous = _answers;
        // Chained, so a slow printer confirms jobs one after another, in order, while status requests still get through.
        _answers = AnswerLaterAsync();

        async Task AnswerLaterAsync()
        {
            try
            {
                await previous;
                if (delay > TimeSpan.Zero)
                {
                    Log($"process ID {id}: slow, answering in {delay.TotalMilliseconds} ms");
                    await Task.Delay(delay, cancellationToken);
                }
                await SendAsync(stream, id.ToResponse(), cancellationToken);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                Log($"process ID {id}: could not answer, {e.Message}");
            }
        }
    }

    private async Task SendAsync(NetworkStream stream, byte[] bytes, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void Log(string message) => sink.Log.WriteLine($"{name} [{_peer}] {message}");
}
