using Microsoft.Extensions.Logging.Console;

namespace Pos.Appliance.Telemetry;

/// <summary>
/// The console an operator reads: one line per entry (warnings and errors, and the store's own few lines: an order
/// fired, a ticket printed, a batch sent to the cloud); the frameworks' per-request lines only when asked for.
/// Under systemd (JOURNAL_STREAM set) each line carries its syslog priority, so journald keeps the level
/// (<c>journalctl -p warning</c>); POS_LOG_FORMAT=json writes one JSON object per entry with its fields instead.
/// POS_LOG_LEVEL (Trace ... Critical) sets every category at once, e.g. Information to see each request.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>The formats POS_LOG_FORMAT takes.</summary>
    public static readonly IReadOnlyList<string> Formats = ["simple", "systemd", "json"];

    public static WebApplicationBuilder AddPosConsoleLogging(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["POS_LOG_LEVEL"] is { Length: > 0 } text)
        {
            if (!Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                throw new FormatException($"POS_LOG_LEVEL must be one of Trace, Debug, Information, Warning, Error, Critical, None, not '{text}'.");
            }
            builder.Logging.ClearFilters(level);
        }
        else if (builder.Configuration["Logging:LogLevel:Pos"] is null)
        {
            // The store's own lines (an order fired, a ticket printed, a batch sent) whatever appsettings.json sits beside
            // the host (the appliance's says so too; a folder holding several hosts' builds may hold another's).
            builder.Logging.AddFilter("Pos", LogLevel.Information);
        }
        switch (FormatOf(builder.Configuration["POS_LOG_FORMAT"], builder.Configuration["JOURNAL_STREAM"]))
        {
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffK";
                    o.UseUtcTimestamp = true;
                });
                break;
            case "systemd":
                builder.Logging.AddSystemdConsole(o => o.TimestampFormat = null); // journald stamps each line itself
                break;
            default:
                builder.Logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                    o.ColorBehavior = LoggerColorBehavior.Default;
                });
                break;
        }
        return builder;
    }

    /// <summary>The format asked for (POS_LOG_FORMAT), else systemd's when journald reads the output (JOURNAL_STREAM), else simple.</summary>
    public static string FormatOf(string? asked, string? journalStream)
    {
        if (asked is { Length: > 0 })
        {
            var format = asked.Trim().ToLowerInvariant();
            return Formats.Contains(format)
                ? format
                : throw new FormatException($"POS_LOG_FORMAT must be simple, systemd or json, not '{asked}'.");
        }
        return journalStream is { Length: > 0 } ? "systemd" : "simple";
    }

    /// <summary>One level for every category: the settings' own rules are replaced by a single one.</summary>
    private static void ClearFilters(this ILoggingBuilder logging, LogLevel level)
    {
        logging.Services.Configure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = level;
        });
    }
}
