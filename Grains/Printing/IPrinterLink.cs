using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Printing;

/// <summary>
/// Opens a link to a printer. The appliance provides the one over TCP (Grains opens no socket); tests provide
/// scripted ones, so the printer grain's rules run without a network.
/// </summary>
public interface IPrinterLinkFactory
{
    /// <summary>A link to <paramref name="printer"/>; throws <see cref="PrinterLinkException"/> when it cannot be reached.</summary>
    Task<IPrinterLink> OpenAsync(PrinterConfig printer, CancellationToken cancellationToken);
}

/// <summary>
/// One open link to a printer. Every method throws <see cref="PrinterLinkException"/> when the printer does not
/// answer in time or the link breaks; an <see cref="OperationCanceledException"/> only when the caller cancelled.
/// </summary>
public interface IPrinterLink : IAsyncDisposable
{
    /// <summary>The printer's real-time status bytes (DLE EOT 1, 2 and 4), as it answered them.</summary>
    Task<PrinterStatusBytes> ReadStatusAsync(CancellationToken cancellationToken);

    /// <summary>Writes a whole ticket.</summary>
    Task SendAsync(ReadOnlyMemory<byte> ticket, CancellationToken cancellationToken);

    /// <summary>Completes when the printer answered <paramref name="id"/>: everything sent before it was processed.</summary>
    Task WaitForProcessIdAsync(ProcessId id, CancellationToken cancellationToken);
}

/// <summary>
/// A printer's answers to the real-time status requests: DLE EOT 1 (online?), 2 (why offline) and 4 (paper roll).
/// What they mean for people is decided by <see cref="PrinterHealth.StatusOf"/>.
/// </summary>
public readonly record struct PrinterStatusBytes(byte Printer, byte OfflineCause, byte RollPaper);

/// <summary>A printer could not be reached, dropped the connection, or did not answer in time: an expected failure.</summary>
public sealed class PrinterLinkException(string message, Exception? inner = null) : Exception(message, inner);
