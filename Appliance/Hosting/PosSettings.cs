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
    };

    private static string? Value(IConfiguration config, string key) => config[key] is { Length: > 0 } v ? v : null;
}
