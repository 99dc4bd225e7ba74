using System.Globalization;
using System.Net;
using Pos.Hosting.Secrets;

namespace Pos.Cloud.Hosting;

/// <summary>A cloud silo's configuration, from POS_CLOUD_* environment variables (see README).</summary>
public sealed record CloudSettings
{
    public required string DataDir { get; init; }

    /// <summary>POS_CLOUD_DB; null means an embedded cluster in POS_DATA/cloud.</summary>
    public string? Database { get; init; }

    public const string AdminTokenVariable = "POS_CLOUD_ADMIN_TOKEN";

    /// <summary>The HQ admin token: POS_CLOUD_ADMIN_TOKEN, or generated and kept in POS_DATA/cloud-admin-token.</summary>
    public required string AdminToken { get; init; }
    public int SiloPort { get; init; } = 11112;
    public int GatewayPort { get; init; } = 30001;

    /// <summary>
    /// POS_CLOUD_SILO_ADDRESS: the address this silo gives the others to reach it (its silo and gateway ports). The
    /// loopback by default, for silos on one machine; silos on several machines each give their own private address,
    /// and then listen on every address of their host.
    /// </summary>
    public IPAddress SiloAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Silos with the same cluster id on the same database form one cluster.</summary>
    public string ClusterId { get; init; } = "hq";

    /// <summary>
    /// POS_CLOUD_PROBE_SECONDS: the silos' liveness probe timeout, which sets how soon a dead silo is found; null
    /// keeps Orleans' default (5 s at first, adapted to how fast probes are answered).
    /// </summary>
    public TimeSpan? ProbeTimeout { get; init; }

    /// <exception cref="TokenRefusedException">The HQ admin token is shorter than <see cref="KeptToken.MinLength"/>.</exception>
    public static CloudSettings From(IConfiguration config)
    {
        var dataDir = Path.GetFullPath(Value(config, "POS_DATA") ?? ".pos");
        return new CloudSettings
        {
            DataDir = dataDir,
            Database = Value(config, "POS_CLOUD_DB"),
            AdminToken = KeptToken.Resolve(Value(config, AdminTokenVariable), AdminTokenVariable, Path.Combine(dataDir, "cloud-admin-token")).Token,
            SiloPort = int.TryParse(Value(config, "POS_CLOUD_SILO_PORT"), out var silo) ? silo : 11112,
            GatewayPort = int.TryParse(Value(config, "POS_CLOUD_GATEWAY_PORT"), out var gateway) ? gateway : 30001,
            ClusterId = Value(config, "POS_CLOUD_CLUSTER_ID") ?? "hq",
            SiloAddress = Value(config, "POS_CLOUD_SILO_ADDRESS") is { } address
                ? IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"POS_CLOUD_SILO_ADDRESS must be an IP address, like 10.0.0.11 (got '{address}').")
                : IPAddress.Loopback,
            ProbeTimeout = Value(config, "POS_CLOUD_PROBE_SECONDS") is { } probe
                ? double.TryParse(probe, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new InvalidOperationException($"POS_CLOUD_PROBE_SECONDS must be a number of seconds above 0, like 1 or 2.5 (got '{probe}').")
                : null,
        };
    }

    /// <summary>Never the token: a record prints its members wherever it is logged.</summary>
    public override string ToString() => $"CloudSettings(cluster {ClusterId}, data in {DataDir})";

    private static string? Value(IConfiguration config, string key) => config[key] is { Length: > 0 } v ? v : null;
}
