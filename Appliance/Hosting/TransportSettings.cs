using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pos.Api.Requests;

namespace Pos.Appliance.Hosting;

/// <summary>
/// What the appliance takes from a client on the LAN, on by default (see README, Configuration): how large a body
/// (POS_BODY_LIMIT_KB for commands, POS_BULK_BODY_LIMIT_KB for the whole menu and a device's batch) and its headers
/// (POS_HEADERS_LIMIT_KB) may be, how long a client may take to send its headers (POS_HEADERS_TIMEOUT_SECONDS), how
/// slowly it may send a body (POS_MIN_BODY_RATE bytes a second after POS_BODY_RATE_GRACE_SECONDS), how long an idle
/// connection is kept (POS_KEEPALIVE_SECONDS), and how fast one device may write (POS_WRITE_RATE a second, bursts of
/// POS_WRITE_BURST; 0 turns the write limit off).
/// </summary>
public sealed record TransportSettings
{
    public long CommandBodyBytes { get; init; } = BodyLimits.Command;
    public long BulkBodyBytes { get; init; } = Math.Max(BodyLimits.Menu, BodyLimits.Batch);
    public int HeadersBytes { get; init; } = 32 * 1024;
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(120);
    public int MinBodyBytesPerSecond { get; init; } = 240;
    public TimeSpan MinBodyRateGrace { get; init; } = TimeSpan.FromSeconds(5);
    public int WritesPerSecond { get; init; } = 20;
    public int WriteBurst { get; init; } = 100;

    public static TransportSettings From(IConfiguration config)
    {
        var defaults = new TransportSettings();
        return new TransportSettings
        {
            CommandBodyBytes = (Number(config, "POS_BODY_LIMIT_KB", 1) ?? defaults.CommandBodyBytes / 1024) * 1024,
            BulkBodyBytes = (Number(config, "POS_BULK_BODY_LIMIT_KB", 1) ?? defaults.BulkBodyBytes / 1024) * 1024,
            HeadersBytes = (int)(Number(config, "POS_HEADERS_LIMIT_KB", 1, 1024) ?? defaults.HeadersBytes / 1024) * 1024,
            HeadersTimeout = TimeSpan.FromSeconds(Number(config, "POS_HEADERS_TIMEOUT_SECONDS", 1) ?? defaults.HeadersTimeout.TotalSeconds),
            KeepAlive = TimeSpan.FromSeconds(Number(config, "POS_KEEPALIVE_SECONDS", 1) ?? defaults.KeepAlive.TotalSeconds),
            MinBodyBytesPerSecond = (int)(Number(config, "POS_MIN_BODY_RATE", 0, int.MaxValue) ?? defaults.MinBodyBytesPerSecond),
            // Kestrel checks rates once a second, so a grace must be longer than that.
            MinBodyRateGrace = TimeSpan.FromSeconds(Number(config, "POS_BODY_RATE_GRACE_SECONDS", 2) ?? defaults.MinBodyRateGrace.TotalSeconds),
            WritesPerSecond = (int)(Number(config, "POS_WRITE_RATE", 0, int.MaxValue) ?? defaults.WritesPerSecond),
            WriteBurst = (int)(Number(config, "POS_WRITE_BURST", 1, int.MaxValue) ?? defaults.WriteBurst),
        };
    }

    /// <summary>Kestrel's limits and timeouts, and the API's body and write limits, as set.</summary>
    public WebApplicationBuilder Apply(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = kestrel.Limits;
            // No body anywhere past the largest a route takes; each route sets its own below that.
            limits.MaxRequestBodySize = Math.Max(CommandBodyBytes, BulkBodyBytes);
            limits.MaxRequestHeadersTotalSize = HeadersBytes;
            limits.RequestHeadersTimeout = HeadersTimeout;
            limits.KeepAliveTimeout = KeepAlive;
            limits.MinRequestBodyDataRate = MinBodyBytesPerSecond > 0 ? new MinDataRate(MinBodyBytesPerSecond, MinBodyRateGrace) : null;
        });
        builder.Services.AddSingleton(new RequestLimits { Command = CommandBodyBytes, Bulk = BulkBodyBytes });
        builder.Services.AddSingleton(new WriteRateOptions { PerSecond = WritesPerSecond, Burst = WriteBurst });
        return builder;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, null when unset; an error naming the variable otherwise.</summary>
    private static long? Number(IConfiguration config, string key, long min, long max = 1L << 40) =>
        config[key] is { Length: > 0 } text
            ? long.TryParse(text, out var n) && n >= min && n <= max
                ? n
                : throw new FormatException($"{key} must be a whole number from {min} to {max}, not '{text}'.")
            : null;
}
