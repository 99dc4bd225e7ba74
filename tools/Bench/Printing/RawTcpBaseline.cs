using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pos.Grains.Printing.EscPos;
using Pos.Grains.Printing.Tickets;

namespace Pos.Bench.Printing;

/// <summary>
/// The floor the appliance is measured against: the same kind of kitchen and bar tickets (rendered by the
/// appliance's own <see cref="TicketRenderer"/>, before the clock starts) written straight to two virtual printers
/// over raw TCP, each confirmed by the printer's process-ID answer. Same clients, one order at a time each, two
/// tickets per order, latency measured the same way: from just before the writes to the later ticket's last byte.
/// </summary>
internal static class RawTcpBaseline
{
    public static async Task RunAsync(
        int kitchenPort,
        int barPort,
        int clients,
        int firstNumber,
        int orders,
        TicketTracker tracker,
        FireRecorder recorder,
        TimeSpan ticketTimeout,
        CancellationToken cancellationToken)
    {
        var next = firstNumber - 1;
        var last = firstNumber + orders - 1;

        async Task ClientAsync()
        {
            using var kitchen = await RawPrinterLink.ConnectAsync(kitchenPort, cancellationToken);
            using var bar = await RawPrinterLink.ConnectAsync(barPort, cancellationToken);
            int number;
            while ((number = Interlocked.Increment(ref next)) <= last)
            {
                await PrintOneAsync(kitchen, bar, number, tracker, recorder, ticketTimeout, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
    }

    private static async Task PrintOneAsync(
        RawPrinterLink kitchen,
        RawPrinterLink bar,
        int number,
        TicketTracker tracker,
        FireRecorder recorder,
        TimeSpan ticketTimeout,
        CancellationToken cancellationToken)
    {
        var kitchenTicket = Ticket(number, "kitchen", "Bench Burger");
        var barTicket = Ticket(number, "bar", "Bench Soda");
        var kitchenBytes = TicketRenderer.Render(kitchenTicket);
        var barBytes = TicketRenderer.Render(barTicket);
        if (tracker.Expect(number) is not { } expected)
        {
            recorder.Failed($"baseline order #{number} was registered twice");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(
                kitchen.PrintAsync(kitchenBytes, ProcessId.ForJob(kitchenTicket.JobId), ticketTimeout, cancellationToken),
                bar.PrintAsync(barBytes, ProcessId.ForJob(barTicket.JobId), ticketTimeout, cancellationToken));
            recorder.Printed(started, await expected.Printed.WaitAsync(ticketTimeout, cancellationToken));
        }
        catch (IOException e)
        {
            recorder.Failed($"baseline order #{number}: {e.Message}");
        }
        catch (TimeoutException)
        {
            recorder.Lost(expected, ticketTimeout);
        }
    }

    private static KitchenTicket Ticket(int number, string station, string item) => new(
        Guid.CreateVersion7().ToString(), number, "TAKEOUT", Guests: null, DateTimeOffset.Now, "bench", station,
        TicketKind.Fire, IsReprint: false, MeantFor: null, [new KitchenTicketLine(1, item, [], Note: null)]);
}

/// <summary>One raw TCP connection to a virtual printer: write a ticket, read the printer's process-ID answer.</summary>
internal sealed class RawPrinterLink : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _answer = new byte[ProcessId.ResponseLength];

    private RawPrinterLink(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPrinterLink> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        // No Nagle delay, like the appliance's own printer connection.
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return new RawPrinterLink(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="ticket"/> and waits for the printer to answer <paramref name="id"/>.</summary>
    /// <exception cref="IOException">The printer closed the connection or answered something else.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task PrintAsync(byte[] ticket, ProcessId id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _stream.WriteAsync(ticket, limit.Token);
            await _stream.ReadExactlyAsync(_answer, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no process-ID answer within {timeout.TotalSeconds:F0} s");
        }
        catch (EndOfStreamException e)
        {
            throw new IOException("the printer closed the connection", e);
        }

        if (!ProcessId.TryParseResponse(_answer, out var answered) || answered != id)
        {
            throw new IOException($"expected the answer to process ID {id}, got {Convert.ToHexString(_answer)}");
        }
    }

    public void Dispose() => _client.Dispose();
}
