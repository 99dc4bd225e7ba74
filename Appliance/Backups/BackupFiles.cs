using System.Globalization;
using System.Text.RegularExpressions;

namespace Pos.Appliance.Backups;

/// <summary>
/// How backups are named and which are kept: <c>pos-20261125T083000.000Z.dump</c> (UTC, so names sort as times), written
/// first under a hidden <c>.partial</c> name and renamed when whole, so a file with a backup's name is always a whole one.
/// </summary>
public static partial class BackupFiles
{
    public const string PartialSuffix = ".partial";

    public static string NameFor(DateTimeOffset taken) =>
        "pos-" + taken.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture) + ".dump";

    /// <summary>The hidden name a backup is written under until pg_dump has finished and the file is on disk.</summary>
    public static string PartialNameFor(string name) => "." + name + PartialSuffix;

    public static bool IsBackup(string fileName) => BackupName().IsMatch(fileName);

    /// <summary>When the backup named <paramref name="fileName"/> was taken, or null when it is not a backup's name.</summary>
    public static DateTimeOffset? TakenAt(string fileName) =>
        BackupName().Match(fileName) is { Success: true } m
        && DateTime.TryParseExact(m.Groups[1].Value, "yyyyMMdd'T'HHmmss'.'fff", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    /// <summary>The backups to delete so that the newest <paramref name="keep"/> remain; other files are never named.</summary>
    public static IReadOnlyList<string> ToDelete(IEnumerable<string> fileNames, int keep) =>
        [.. fileNames.Where(IsBackup).OrderByDescending(n => n, StringComparer.Ordinal).Skip(keep)];

    [GeneratedRegex(@"^pos-(\d{8}T\d{6}\.\d{3})Z\.dump$")]
    private static partial Regex BackupName();
}
