using Pos.Appliance.Hosting;

namespace Pos.Appliance.Backups;

/// <summary>
/// Where the appliance keeps its backups (backups in the data folder), how many (POS_BACKUP_KEEP, default 7: a week of
/// nights) and when it takes them (POS_BACKUP_CRON in the store's time zone, default 03:30: after a late close, before
/// the business day turns; "off" for none).
/// </summary>
public sealed record BackupSettings
{
    public const string DefaultCron = "30 3 * * *";

    public required string Folder { get; init; }
    public int Keep { get; init; } = 7;

    /// <summary>The schedule (a cron expression, Hangfire's), or null when backups are taken by hand only.</summary>
    public string? Cron { get; init; } = DefaultCron;

    public static BackupSettings From(IConfiguration config, PosSettings settings)
    {
        var keep = config["POS_BACKUP_KEEP"] is { Length: > 0 } text
            ? int.TryParse(text, out var n) && n > 0 ? n : throw new FormatException($"POS_BACKUP_KEEP must be a whole number above 0, not '{text}'.")
            : 7;
        var cron = config["POS_BACKUP_CRON"] is { Length: > 0 } c ? c.Trim() : DefaultCron;
        return new BackupSettings
        {
            Folder = Path.Combine(settings.DataDir, "backups"),
            Keep = keep,
            Cron = cron.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : cron,
        };
    }
}
