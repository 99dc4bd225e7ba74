using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>The printer grains' links in a test: each printer's host names a <see cref="FakePrinter"/>.</summary>
internal sealed class FakePrinters(TimeProvider time) : IPrinterLinkFactory
{
    private readonly Dictionary<string, FakePrinter> _printers = new(StringComparer.Ordinal);

    public FakePrinter Add(string host)
    {
        var printer = new FakePrinter(time);
        lock (_printers)
        {
            _printers.Add(host, printer);
        }
        return printer;
    }

    public Task<IPrinterLink> OpenAsync(PrinterConfig printer, CancellationToken cancellationToken)
    {
        FakePrinter? fake;
        lock (_printers)
        {
            fake = _printers.GetValueOrDefault(printer.Host);
        }
        return fake is null
            ? throw new PrinterLinkException($"cannot connect to {printer.Host}: no such printer")
            : Task.FromResult(fake.Open());
    }
}

/// <summary>
/// A scripted printer: it refuses connections, answers a status, drops a confirmation or throws a bug as told, and
/// keeps the tickets it confirmed and the times it was opened (on the test's clock).
/// </summary>
internal sealed class FakePrinter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _opens = [];
    private readonly List<byte[]> _tickets = [];
    private int _refuse;
    private int _dropConfirmations;
    private Exception? _bug;

    public PrinterStatus Status { get; set; } = PrinterStatus.Online;

    public IReadOnlyList<DateTimeOffset> Opens
    {
        get
        {
            lock (_gate)
            {
                return [.. _opens];
            }
        }
    }

    /// <summary>Every ticket sent to it, in order (a ticket whose confirmation was dropped included).</summary>
    public IReadOnlyList<byte[]> Tickets
    {
        get
        {
            lock (_gate)
            {
                return [.. _tickets];
            }
        }
    }

    public void RefuseConnections(int count)
    {
        lock (_gate)
        {
            _refuse = count;
        }
    }

    public void DropConfirmations(int count)
    {
        lock (_gate)
        {
            _dropConfirmations = count;
        }
    }

    /// <summary>The next open throws <paramref name="bug"/>: not a printer outage, a defect.</summary>
    public void ThrowOnNextOpen(Exception bug)
    {
        lock (_gate)
        {
            _bug = bug;
        }
    }

    public IPrinterLink Open()
    {
        lock (_gate)
        {
            _opens.Add(time.GetUtcNow());
            if (_bug is { } bug)
            {
                _bug = null;
                throw bug;
            }
            if (_refuse > 0)
            {
                _refuse--;
                throw new PrinterLinkException("cannot connect: connection refused");
            }
        }
        return new Link(this);
    }

    private sealed class Link(FakePrinter printer) : IPrinterLink
    {
        public Task<PrinterStatusBytes> ReadStatusAsync(CancellationToken cancellationToken)
        {
            var status = printer.Status;
            return Task.FromResult(new PrinterStatusBytes(
                EscPosStatus.ResponseFor(StatusRequest.Printer, status),
                EscPosStatus.ResponseFor(StatusRequest.OfflineCause, status),
                EscPosStatus.ResponseFor(StatusRequest.RollPaperSensor, status)));
        }

        public Task SendAsync(ReadOnlyMemory<byte> ticket, CancellationToken cancellationToken)
        {
            lock (printer._gate)
            {
                printer._tickets.Add(ticket.ToArray());
            }
            return Task.CompletedTask;
        }

        public Task WaitForProcessIdAsync(ProcessId id, CancellationToken cancellationToken)
        {
            lock (printer._gate)
            {
                if (printer._dropConfirmations > 0)
                {
                    printer._dropConfirmations--;
                    throw new PrinterLinkException($"no answer while waiting for the printer to confirm process ID {id}");
                }
            }
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
