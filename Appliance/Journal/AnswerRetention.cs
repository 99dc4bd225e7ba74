using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Grains.Clock;

namespace Pos.Appliance.Journal;

/// <summary>
/// Forgets the kept answers (device command ids and Idempotency-Keys alike) once they are older than the retention
/// window, on the store clock: every hour, and whenever <see cref="RunOnceAsync"/> is called. Within the window a
/// repeated command id or key is answered with its first result; after it, the id counts as new.
/// </summary>
public sealed partial class AnswerRetention(
    PosDatabase database, StoreClock clock, PosSettings settings, ILogger<AnswerRetention> logger)
    : PeriodicDatabaseWork(database, clock, Every)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public TimeSpan Window => settings.CommandRetention;

    /// <summary>Deletes the answers kept since before now minus the window; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = Database.DataSource.CreateCommand("delete from idempotency where created_at < $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (Clock.Time.GetUtcNow() - Window).UtcDateTime });
        var forgotten = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (forgotten > 0)
        {
            LogForgotten(logger, forgotten, Window.TotalDays);
        }
        return forgotten;
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} kept answers older than {Days} days")]
    private static partial void LogForgotten(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting old kept answers failed; the next hour tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
