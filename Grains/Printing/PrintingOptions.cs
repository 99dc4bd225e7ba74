using Pos.Grains.Printing.Transport;

namespace Pos.Grains.Printing;

/// <summary>How printers are driven: network timeouts, retry backoff, status probes.</summary>
public sealed record PrintingOptions
{
    public PrinterTimeouts Timeouts { get; init; } = new();

    /// <summary>First wait after a failed attempt; it doubles per failure up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle printer is asked for its status, so people see a problem before the rush.</summary>
    public TimeSpan ProbeEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Printed jobs a printer keeps listing besides its unfinished ones.</summary>
    public int RecentJobs { get; init; } = 200;
}
