using Pos.Api.Staff;
using Pos.Appliance.Database;
using Pos.Grains.Clock;

namespace Pos.Appliance.Staff;

/// <summary>
/// Forgets staff sessions that can never be used again, on the store clock: every <see cref="Every"/> the expired ones
/// leave memory, and the rows of expired or ended sessions leave <c>staff_sessions</c>. Without it both grow with every
/// sign-in for as long as the appliance runs. Who signed in and out stays in the journal.
/// </summary>
public sealed partial class StaffSessionPurge(
    PosDatabase database, StaffSessionDirectory sessions, StoreClock clock, ILogger<StaffSessionPurge> logger)
    : PeriodicDatabaseWork(database, clock, Every)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Purges now; how many sessions left memory and how many rows the table.</summary>
    public async Task<(int InMemory, int Rows)> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = Clock.Now();
        var inMemory = sessions.PurgeExpired(now);
        await using var cmd = Database.DataSource.CreateCommand("delete from staff_sessions where expires_at <= $1 or ended_at is not null");
        cmd.Parameters.AddWithValue(now.ToUniversalTime());
        var rows = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (inMemory > 0 || rows > 0)
        {
            LogPurged(logger, inMemory, rows);
        }
        return (inMemory, rows);
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void Failed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {InMemory} expired staff session(s) from memory and {Rows} ended or expired row(s)")]
    private static partial void LogPurged(ILogger logger, int inMemory, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired staff sessions failed; trying again within the hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
