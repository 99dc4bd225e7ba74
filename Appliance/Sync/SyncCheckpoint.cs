using Npgsql;
using Pos.Appliance.Database;
using Pos.Appliance.Telemetry;

namespace Pos.Appliance.Sync;

/// <summary>The row of sync_checkpoint: what the cloud acknowledged and what the last attempts said.</summary>
public sealed record SyncCheckpoint(
    long AckedSeq, DateTimeOffset? LastSuccessAt, string? LastError, DateTimeOffset? LastErrorAt, int MenuVersion, DateTimeOffset? MenuPulledAt);

/// <summary>
/// Reads and moves the checkpoint. The acked seq moves only on the cloud's word. A database that is not answering
/// is <see cref="Pos.Grains.Journal.JournalUnavailableException"/>, as everywhere.
/// </summary>
public sealed class SyncCheckpointStore(PosDatabase database, StoreMetrics metrics) : ISyncCheckpoints
{
    public Task<SyncCheckpoint> ReadAsync(CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(ReadRowAsync(cancellationToken), database.DataSource);

    private async Task<SyncCheckpoint> ReadRowAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "select acked_seq, last_success_at, last_error, last_error_at, menu_version, menu_pulled_at from sync_checkpoint where id = 1");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var checkpoint = new SyncCheckpoint(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
        metrics.Checkpoint(checkpoint.AckedSeq, checkpoint.LastSuccessAt);
        return checkpoint;
    }

    /// <summary>
    /// The cloud said at <paramref name="at"/> that it holds everything up to <paramref name="ackedSeq"/>. Usually
    /// forward; backward when the cloud holds less than the checkpoint said (it was restored), so sending starts again there.
    /// </summary>
    public async Task AckedAsync(long ackedSeq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ExecuteAsync("update sync_checkpoint set acked_seq = $1, last_success_at = $2 where id = 1", cancellationToken, ackedSeq, at);
        metrics.Checkpoint(ackedSeq, at);
    }

    public Task FailedAsync(string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("update sync_checkpoint set last_error = $1, last_error_at = $2 where id = 1", cancellationToken, error, at);

    public async Task MenuPulledAsync(int version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ExecuteAsync("update sync_checkpoint set menu_version = greatest(menu_version, $1), menu_pulled_at = $2, last_success_at = $2 where id = 1",
            cancellationToken, version, at);
        metrics.Answered(at);
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        DatabaseOutage.GuardAsync(ExecuteRowAsync(sql, cancellationToken, values), database.DataSource);

    private async Task ExecuteRowAsync(string sql, CancellationToken cancellationToken, object[] values)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
