namespace Pos.Grains.Printing;

/// <summary>How printers are driven: retry backoff, status probes, the history kept. Network timeouts belong to the link.</summary>
public sealed record PrintingOptions
{
    /// <summary>Median first wait after a failed attempt; it doubles per failure (jittered) up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts on a printer that is down.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle printer is asked for its status, so people see a problem before the rush.</summary>
    public TimeSpan ProbeEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Printed jobs a printer keeps listing besides its unfinished ones.</summary>
    public int RecentJobs { get; init; } = 200;
}
