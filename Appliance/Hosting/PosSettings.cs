using Pos.Grains.Clock;

namespace Pos.Appliance.Hosting;

/// <summary>The appliance's configuration, from POS_* environment variables (see README).</summary>
public sealed record PosSettings
{
    public required string DataDir { get; init; }
    public string? Database { get; init; }
    public string? AdminToken { get; init; }
    public required StoreClockOptions Clock { get; init; }
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The link to the cloud (POS_CLOUD_URL, POS_STORE_ID, POS_STORE_SECRET), or null when the store runs alone.</summary>
    public CloudLink? Cloud { get; init; }

    /// <summary>
    /// How long the answers to device commands and Idempotency-Keys are kept (POS_COMMAND_RETENTION_DAYS, default 7):
    /// a repeat within this window is answered with the first result.
    /// </summary>
    public TimeSpan CommandRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How the journal is shipped to the cloud (POS_SYNC_*).</summary>
    public SyncOptions Sync { get; init; } = new();

    /// <summary>
    /// The published staff app served at / (POS_STAFF_APP): the folder holding its wwwroot and its endpoints manifest;
    /// by default staff-app beside the appliance's own files.
    /// </summary>
    public string StaffAppDir { get; init; } = Path.Combine(AppContext.BaseDirectory, "staff-app");

    /// <summary>
    /// A menu file (the body of PUT /api/v1/menu) loaded when the store has no menu yet (POS_SAMPLE_MENU; ./pos run names
    /// Appliance/Menu/sample-menu.json); null: a new store starts without a menu.
    /// </summary>
    public string? SampleMenu { get; init; }

    /// <summary>
    /// The operator's HTTPS certificate (POS_TLS_CERT, PEM) and its key (POS_TLS_KEY; null when in the same file), for
    /// the https:// addresses of POS_URLS; without it the appliance uses a certificate of the store's own CA.
    /// </summary>
    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }

    /// <summary>Body and header sizes, header and body timeouts, keep-alive, writes per device (POS_BODY_LIMIT_KB, POS_WRITE_RATE...).</summary>
    public TransportSettings Transport { get; init; } = new();

    /// <summary>Where the store's own CA and certificate are kept: tls in the data folder.</summary>
    public string TlsDir => Path.Combine(DataDir, "tls");

    public static PosSettings From(IConfiguration config) => new()
    {
        DataDir = Path.GetFullPath(Value(config, "POS_DATA") ?? ".pos"),
        Database = Value(config, "POS_DB"),
        AdminToken = Value(config, "POS_ADMIN_TOKEN"),
        Clock = new StoreClockOptions
        {
            TimeZoneId = Value(config, "POS_TIMEZONE") ?? "",
            DayStarts = StoreClockOptions.ParseDayStarts(Value(config, "POS_DAY_STARTS")),
        },
        SiloPort = int.TryParse(Value(config, "POS_SILO_PORT"), out var silo) ? silo : 11111,
        GatewayPort = int.TryParse(Value(config, "POS_GATEWAY_PORT"), out var gateway) ? gateway : 30000,
        Cloud = CloudLink.From(Value(config, "POS_CLOUD_URL"), Value(config, "POS_STORE_ID"), Value(config, "POS_STORE_SECRET")),
        CommandRetention = TimeSpan.FromDays(Positive(config, "POS_COMMAND_RETENTION_DAYS") ?? 7),
        Sync = new SyncOptions
        {
            BatchSize = Positive(config, "POS_SYNC_BATCH") ?? 500,
            MaxBackoff = TimeSpan.FromSeconds(Positive(config, "POS_SYNC_MAX_BACKOFF") ?? 60),
            MenuPullEvery = TimeSpan.FromSeconds(Positive(config, "POS_SYNC_MENU_EVERY") ?? 60),
            LagLimit = TimeSpan.FromSeconds(Positive(config, "POS_SYNC_LAG_LIMIT") ?? 900),
            AttemptTimeout = TimeSpan.FromSeconds(Positive(config, "POS_SYNC_TIMEOUT") ?? 30),
        },
        StaffAppDir = Path.GetFullPath(Value(config, "POS_STAFF_APP") ?? Path.Combine(AppContext.BaseDirectory, "staff-app")),
        SampleMenu = Value(config, "POS_SAMPLE_MENU") is { } sampleMenu ? Path.GetFullPath(sampleMenu) : null,
        TlsCert = Value(config, "POS_TLS_CERT") is { } tlsCert ? Path.GetFullPath(tlsCert) : null,
        TlsKey = Value(config, "POS_TLS_KEY") is { } tlsKey ? Path.GetFullPath(tlsKey) : null,
        Transport = TransportSettings.From(config),
    };

    /// <summary>Never the admin token: a record prints its members wherever it is logged.</summary>
    public override string ToString() => $"PosSettings(data in {DataDir})";

    private static int? Positive(IConfiguration config, string key) => Value(config, key) is { } text
        ? int.TryParse(text, out var n) && n > 0 ? n : throw new FormatException($"{key} must be a whole number above 0, not '{text}'.")
        : null;

    private static string? Value(IConfiguration config, string key) => config[key] is { Length: > 0 } v ? v : null;
}

/// <summary>Where the store's journal goes: the cloud's base URL, the store's id there and the secret it signs with.</summary>
public sealed record CloudLink(Uri Url, string StoreId, byte[] Secret)
{
    /// <summary>Null when none of the three is set; an error that says what is missing when only some are.</summary>
    public static CloudLink? From(string? url, string? storeId, string? secret)
    {
        if (url is null && storeId is null && secret is null)
        {
            return null;
        }
        if (url is null || storeId is null || secret is null)
        {
            throw new FormatException("POS_CLOUD_URL, POS_STORE_ID and POS_STORE_SECRET go together: set all three to link the store to a cloud, or none.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"POS_CLOUD_URL must be an http(s) URL such as http://127.0.0.1:5090, not '{url}'.");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            throw new FormatException("POS_STORE_SECRET must be the base64 secret the cloud gave when the store was registered.");
        }
        return new CloudLink(uri, storeId, key);
    }
}

/// <summary>Batch size, how long to wait at most between attempts while the cloud is away, how often to ask for a new menu.</summary>
public sealed record SyncOptions
{
    public int BatchSize { get; init; } = 500;
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan MenuPullEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long events may wait while the cloud does not answer before the sync is unhealthy and the store degraded
    /// (POS_SYNC_LAG_LIMIT, seconds, default 900).
    /// </summary>
    public TimeSpan LagLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long one request to the cloud may take before it counts as lost and is tried again (POS_SYNC_TIMEOUT,
    /// seconds, default 30: a 4 MiB batch on a slow uplink). An answer lost on the way costs this much.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sync job waits for more events before it ends (and the next append starts a new one).</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(30);
}
