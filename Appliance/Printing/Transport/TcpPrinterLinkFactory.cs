using Pos.Grains.Printing;

namespace Pos.Appliance.Printing.Transport;

/// <summary>Timeouts of the raw TCP link to a printer. Network waits run on the wall clock.</summary>
public sealed record PrinterTimeouts
{
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Status { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Write { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a printer may take to print a ticket and answer its process ID.</summary>
    public TimeSpan Confirm { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>The printer grains' links: a TCP connection to the printer's host and port (usually 9100).</summary>
public sealed class TcpPrinterLinkFactory(PrinterTimeouts timeouts) : IPrinterLinkFactory
{
    public async Task<IPrinterLink> OpenAsync(PrinterConfig printer, CancellationToken cancellationToken) =>
        await TcpPrinterLink.OpenAsync(printer.Host, printer.Port, timeouts, cancellationToken);
}
