using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Api.Health;

/// <summary>
/// The printers, as their grains see them (<see cref="IPrinterDirectoryGrain.List"/>, <see cref="IPrinterGrain.Get"/>):
/// healthy when every printer is online; otherwise unhealthy, naming each printer that is not and why. Each printer's
/// state is in the result's data, by printer id, for /health/printers.
/// </summary>
public sealed class PrintersHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var set = await grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).List().WaitAsync(HealthChecks.CheckTimeout, cancellationToken);
            var views = await Task.WhenAll(set.Printers.Select(p => grains.GetGrain<IPrinterGrain>(p.PrinterId).Get()))
                .WaitAsync(HealthChecks.CheckTimeout, cancellationToken);
            var data = new Dictionary<string, object>(StringComparer.Ordinal);
            var down = new List<string>();
            foreach (var (config, view) in set.Printers.Zip(views))
            {
                var words = Describe(view);
                data[config.PrinterId] = words;
                if (view?.Status is not PrinterStatus.Online)
                {
                    down.Add($"{config.PrinterId} ({words})");
                }
            }
            if (set.Printers.Count == 0)
            {
                return HealthCheckResult.Healthy("no printers configured", data);
            }
            return down.Count == 0
                ? HealthCheckResult.Healthy($"{set.Printers.Count} printer(s) online", data)
                : HealthCheckResult.Unhealthy($"{down.Count} of {set.Printers.Count} printer(s) not printing: {string.Join(", ", down)}", data: data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(HealthChecks.Reason(ex));
        }
    }

    /// <summary>A printer's state in words: "online", "paper out since 18:02:11Z, 3 job(s) waiting: ...".</summary>
    public static string Describe(PrinterView? view)
    {
        if (view is null)
        {
            return "unknown";
        }
        var status = view.Status switch
        {
            PrinterStatus.Online => "online",
            PrinterStatus.PaperOut => "paper out",
            PrinterStatus.CoverOpen => "cover open",
            PrinterStatus.Offline => "offline",
            _ => "not reached yet",
        };
        var since = view.DownSince is { } at && view.Status is not PrinterStatus.Online
            ? " since " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "";
        var queue = view.QueueDepth > 0 ? $", {view.QueueDepth} job(s) waiting" : "";
        var error = view.Status is not PrinterStatus.Online && view.LastError is { Length: > 0 } e ? $": {e}" : "";
        return status + since + queue + error;
    }
}
