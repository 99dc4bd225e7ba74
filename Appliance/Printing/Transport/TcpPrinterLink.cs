using System.Net.Sockets;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Appliance.Printing.Transport;

/// <summary>
/// One TCP connection to a printer's raw ESC/POS port: real-time status (DLE EOT), the ticket bytes, and the
/// printer's answer to the process-ID request at the end of a ticket (GS ( H). It moves bytes and keeps time;
/// what the answers mean is decided in Grains.
/// </summary>
public sealed class TcpPrinterLink : IPrinterLink
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PrinterTimeouts _timeouts;
    private readonly string _endpoint;
    private readonly byte[] _buffer = new byte[256];
    private int _start;
    private int _end;

    private TcpPrinterLink(TcpClient client, PrinterTimeouts timeouts, string endpoint)
    {
        _client = client;
        _stream = client.GetStream();
        _timeouts = timeouts;
        _endpoint = endpoint;
    }

    public static async Task<TcpPrinterLink> OpenAsync(string host, int port, PrinterTimeouts timeouts, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeouts.Connect);
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return new TcpPrinterLink(client, timeouts, $"{host}:{port}");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new PrinterLinkException(e is OperationCanceledException
                ? $"no answer from {host}:{port} within {timeouts.Connect.TotalSeconds:0.#} s"
                : $"cannot connect to {host}:{port}: {e.Message}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Asks DLE EOT 1 (online?), 2 (why offline: cover, paper) and 4 (paper roll).</summary>
    public async Task<PrinterStatusBytes> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var printer = await AskStatusAsync(StatusRequest.Printer, cancellationToken);
        var cause = await AskStatusAsync(StatusRequest.OfflineCause, cancellationToken);
        var paper = await AskStatusAsync(StatusRequest.RollPaperSensor, cancellationToken);
        return new PrinterStatusBytes(printer, cause, paper);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> ticket, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_timeouts.Write, cancellationToken);
        try
        {
            await _stream.WriteAsync(ticket, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (IsLinkFailure(e, cancellationToken))
        {
            throw Failure("writing the ticket", _timeouts.Write, e);
        }
    }

    /// <summary>Waits for the printer to answer <paramref name="id"/>; status bytes and older answers are skipped.</summary>
    public async Task WaitForProcessIdAsync(ProcessId id, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_timeouts.Confirm, cancellationToken);
        try
        {
            while (true)
            {
                await FillAsync(1, timeout.Token);
                if (_buffer[_start] != 0x37)
                {
                    _start++; // a status byte answered late, or noise
                    continue;
                }
                await FillAsync(ProcessId.ResponseLength, timeout.Token);
                var answered = ProcessId.TryParseResponse(_buffer.AsSpan(_start, ProcessId.ResponseLength), out var got);
                _start += answered ? ProcessId.ResponseLength : 1;
                if (answered && got == id)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (IsLinkFailure(e, cancellationToken))
        {
            throw Failure($"waiting for the printer to confirm process ID {id}", _timeouts.Confirm, e);
        }
    }

    // The first byte after the request that has the fixed bits of a status answer (a late process-ID answer or
    // noise before it is skipped).
    private async Task<byte> AskStatusAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_timeouts.Status, cancellationToken);
        try
        {
            await _stream.WriteAsync(EscPosStatus.Request(request), timeout.Token);
            while (true)
            {
                await FillAsync(1, timeout.Token);
                var answer = _buffer[_start++];
                if (EscPosStatus.IsStatusByte(answer))
                {
                    return answer;
                }
            }
        }
        catch (Exception e) when (IsLinkFailure(e, cancellationToken))
        {
            throw Failure($"asking for status (DLE EOT {(byte)request})", _timeouts.Status, e);
        }
    }

    // Makes sure at least `count` unread bytes are buffered.
    private async Task FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return;
        }
        Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the printer closed the connection");
            }
            _end += read;
        }
    }

    private static CancellationTokenSource Timeout(TimeSpan after, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(after);
        return source;
    }

    private static bool IsLinkFailure(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException or ObjectDisposedException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private PrinterLinkException Failure(string doing, TimeSpan limit, Exception e) => new(e is OperationCanceledException
        ? $"{_endpoint}: no answer within {limit.TotalSeconds:0.#} s while {doing}"
        : $"{_endpoint}: connection lost while {doing}: {e.Message}", e);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
