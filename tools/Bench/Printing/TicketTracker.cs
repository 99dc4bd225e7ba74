using System.Collections.Concurrent;
using System.Globalization;
using Pos.VirtualPrinter;

namespace Pos.Bench.Printing;

/// <summary>The two stations every benchmark order sends a ticket to, one virtual printer each.</summary>
internal enum Station
{
    Kitchen,
    Bar,
}

/// <summary>
/// Matches the tickets the virtual printers cut to the orders that were fired, by the <c>#number</c> line every
/// kitchen ticket starts with. Tickets arrive on the printers' connection threads; each order is registered before
/// it is fired, so a ticket never arrives for an order the tracker does not know yet.
/// </summary>
internal sealed class TicketTracker
{
    private const int KeptDescriptions = 5;

    private readonly ConcurrentDictionary<int, ExpectedOrder> _orders = new();
    private readonly ConcurrentQueue<string> _duplicates = new();
    private long _duplicateCount;
    private long _strayCount;

    /// <summary>Tickets that were the second (or later) copy of an order's ticket at the same station.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicateCount);

    /// <summary>Tickets for no order of this run (e.g. left queued on the appliance by an earlier run).</summary>
    public long Stray => Interlocked.Read(ref _strayCount);

    /// <summary>The first few duplicates, described for the report.</summary>
    public IReadOnlyList<string> DuplicateExamples => [.. _duplicates];

    /// <summary>Registers an order about to be fired; null when its number is already taken (a correctness failure too).</summary>
    public ExpectedOrder? Expect(int orderNumber)
    {
        var order = new ExpectedOrder(orderNumber);
        return _orders.TryAdd(orderNumber, order) ? order : null;
    }

    /// <summary>Subscribes to <paramref name="printer"/>'s cut tickets as the tickets of <paramref name="station"/>.</summary>
    public void Watch(VirtualPrinterHost printer, Station station) => printer.Received += t => OnTicket(station, t);

    private void OnTicket(Station station, ReceivedTicket ticket)
    {
        if (OrderNumberOf(ticket.Text) is not { } number || !_orders.TryGetValue(number, out var order))
        {
            Interlocked.Increment(ref _strayCount);
            return;
        }

        if (!order.Arrived(station, ticket.ReceivedAt))
        {
            if (Interlocked.Increment(ref _duplicateCount) <= KeptDescriptions)
            {
                var first = ticket.Text.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "";
                _duplicates.Enqueue($"order #{number}: {station.ToString().ToLowerInvariant()} ticket {ticket.Number} is a second copy (first line: '{first}')");
            }
        }
    }

    /// <summary>The number on the ticket's <c>#17 TAKEOUT</c> line.</summary>
    internal static int? OrderNumberOf(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length < 2 || line[0] != '#')
            {
                continue;
            }

            var end = line.IndexOf(' ', StringComparison.Ordinal);
            var digits = end < 0 ? line.AsSpan(1) : line.AsSpan(1, end - 1);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return null;
    }
}

/// <summary>One fired order: completes once both its tickets are cut, with the later ticket's Stopwatch timestamp.</summary>
internal sealed class ExpectedOrder(int number)
{
    private readonly TaskCompletionSource<long> _printed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _kitchenCopies;
    private int _barCopies;
    private long _kitchenAt;
    private long _barAt;
    private int _waitingFor = 2;

    public int Number { get; } = number;

    /// <summary>Completes with the <see cref="ReceivedTicket.ReceivedAt"/> of whichever of the two tickets came last.</summary>
    public Task<long> Printed => _printed.Task;

    /// <summary>The stations whose ticket has not come (yet).</summary>
    public string Missing => string.Join(" and ", new[]
    {
        Volatile.Read(ref _kitchenCopies) == 0 ? "kitchen" : null,
        Volatile.Read(ref _barCopies) == 0 ? "bar" : null,
    }.OfType<string>());

    /// <summary>Records a ticket; false when this station already printed one for the order.</summary>
    public bool Arrived(Station station, long receivedAt)
    {
        var first = station == Station.Kitchen
            ? Interlocked.Increment(ref _kitchenCopies) == 1
            : Interlocked.Increment(ref _barCopies) == 1;
        if (!first)
        {
            return false;
        }

        Interlocked.Exchange(ref station == Station.Kitchen ? ref _kitchenAt : ref _barAt, receivedAt);
        if (Interlocked.Decrement(ref _waitingFor) == 0)
        {
            _printed.TrySetResult(Math.Max(Interlocked.Read(ref _kitchenAt), Interlocked.Read(ref _barAt)));
        }

        return true;
    }
}
