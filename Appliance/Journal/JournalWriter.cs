using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using Pos.Appliance.Database;
using Pos.Appliance.Telemetry;
using Pos.Contracts.Reports;
using Pos.Contracts.Requests;
using Pos.Grains.Journal;

namespace Pos.Appliance.Journal;

/// <summary>
/// The single appender of the store journal. Concurrent appends queue up; each round takes everything queued,
/// decides it (<see cref="JournalAdmission"/>: stream versions, idempotency keys, sealed days), gives the accepted
/// events the next seqs, and commits them with their answers in one transaction: many commands, one fsync.
/// An append whose data the database refuses fails alone: the batch is split and its halves committed apart, so
/// the others in the batch commit (<see cref="AppendOutcome.Refused"/>). A session advisory lock, held by the
/// writer's own unpooled connection, keeps a second process from ever writing the same journal; closing that
/// connection releases it, so a reconnect never waits on a lock it left behind.
/// </summary>
public sealed partial class JournalWriter(PosDatabase database, TimeProvider time, StoreMetrics metrics, ILogger<JournalWriter> logger) : IAsyncDisposable
{
    private const long WriterLockKey = 0x504F_535F_4A52_4E4C; // "POS_JRNL"
    private const int MaxBatch = 1_000;
    private const int MaxCachedStreams = 200_000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _sealed = [];
    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _conn;
    private long _head;
    private Task? _loop;

    /// <summary>Raised after each commit that wrote events, on the writer's loop: handlers must be quick and not throw.</summary>
    public event Action? Committed;

    /// <summary>Raised on the writer's loop when it has connected again after a failure: handlers must be quick and not throw.</summary>
    public event Action? Reconnected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConnectAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public Task<AppendResult> AppendAsync(StreamAppend append)
    {
        var pending = new Pending(append);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(JournalWriter), "The journal is shutting down.");
        }
        return pending.Completion.Task;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_conn is not null)
        {
            // Unpooled: disposing closes the session, and with it the advisory lock.
            await _conn.DisposeAsync();
            _conn = null;
        }
        var conn = await database.OpenWriterConnectionAsync(cancellationToken);
        try
        {
            await TakeWriterLockAsync(conn, cancellationToken);
            await using (var head = new NpgsqlCommand("select coalesce(max(seq), 0) from journal", conn))
            {
                _head = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
                metrics.HeadRead(_head);
            }
            _versions.Clear();
            // The sealed business dates (one event per day, read by the stream's index): the journal takes no more events for them.
            _sealed.Clear();
            await using var seals = new NpgsqlCommand("select (data->>'businessDate')::date from journal where stream_id = $1", conn);
            seals.Parameters.AddWithValue(BusinessDaySealed.StreamId);
            await using var reader = await seals.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _sealed.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        _conn = conn;
    }

    /// <summary>
    /// Takes the journal's writer lock, waiting (and saying so) while another session holds it: another process, or
    /// a session of ours the server has not yet seen end. Appends queued meanwhile are refused at once rather than
    /// left to hang.
    /// </summary>
    private async Task TakeWriterLockAsync(NpgsqlConnection conn, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"select pg_try_advisory_lock({WriterLockKey})", conn);
        var retry = JournalWriterRetries.WriterLock(time, refusals =>
        {
            if (refusals == 1)
            {
                LogWaitingForLock(logger);
            }
            FailQueued(new JournalUnavailableException("The journal's writer is waiting for its lock."));
        });
        await retry.ExecuteAsync(async token => (bool)(await take.ExecuteScalarAsync(token))!, cancellationToken);
    }

    private void FailQueued(Exception reason)
    {
        while (_queue.Reader.TryRead(out var waiting))
        {
            waiting.Completion.TrySetException(reason);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await CommitIsolatingAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection or the database failed: whether the last commit landed is unknown to its callers.
                LogBatchFailed(logger, ex, batch.Count);
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(new JournalUnavailableException("The journal could not be written.", ex));
                }
                await ReconnectAsync(cancellationToken);
            }
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var retry = JournalWriterRetries.Reconnect(time, (ex, attempt) =>
        {
            LogReconnectFailed(logger, ex, attempt);
            // Fail queued appends fast rather than holding requests while the database is away.
            FailQueued(new JournalUnavailableException("The journal database is unreachable.", ex));
        });
        try
        {
            await retry.ExecuteAsync(async token => await ConnectAsync(token), cancellationToken);
            Reconnected?.Invoke();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The appliance stops.
        }
    }

    /// <summary>
    /// Commits a batch; when the database refuses the data of an append (a value it cannot store), commits the
    /// halves apart, down to the one append that it refuses, which alone gets <see cref="AppendOutcome.Refused"/>.
    /// A batch of n with one such append costs about 2·log2(n) more round trips, never a stalled writer.
    /// </summary>
    private async Task CommitIsolatingAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(batch, cancellationToken);
        }
        catch (PostgresException e) when (IsRefusedData(e))
        {
            if (batch.Count == 1)
            {
                // The database's words may quote the value it refused: never a card-like number in a log or an answer.
                var reason = CardNumbers.Redact(e.MessageText);
                LogAppendRefused(logger, batch[0].Append.StreamId, e.SqlState, reason);
                batch[0].Completion.TrySetResult(AppendResult.Refused(reason));
                return;
            }
            var half = batch.Count / 2;
            await CommitIsolatingAsync(batch.GetRange(0, half), cancellationToken);
            await CommitIsolatingAsync(batch.GetRange(half, batch.Count - half), cancellationToken);
        }
    }

    /// <summary>
    /// The database refused a value, not the connection: a data exception (class 22, e.g. a NUL in text), a check
    /// constraint, or a value past a limit of the database (class 54, e.g. an index row too large).
    /// </summary>
    internal static bool IsRefusedData(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState == PostgresErrorCodes.CheckViolation
        || e.SqlState.StartsWith("54", StringComparison.Ordinal);

    private async Task CommitAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var conn = _conn!;
        var appends = batch.Select(p => p.Append).ToList();
        var facts = await JournalFactsReader.ReadAsync(conn, appends, _head, _versions, _sealed, cancellationToken);
        var decided = JournalAdmission.Decide(appends, facts);

        if (decided.WritesAnything)
        {
            await using var write = new NpgsqlBatch(conn);
            write.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
            if (decided.Rows.Count > 0)
            {
                write.BatchCommands.Add(decided.Rows.ToCommand());
            }
            if (decided.Responses.Count > 0)
            {
                write.BatchCommands.Add(decided.Responses.ToCommand());
            }
            write.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
            try
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                await RollbackQuietlyAsync(conn);
                throw;
            }
            _head = decided.Head;
            metrics.Committed(_head, decided.Rows.Types);
            _sealed.UnionWith(decided.Sealed);
            if (_versions.Count > MaxCachedStreams)
            {
                _versions.Clear();
            }
            foreach (var (stream, version) in decided.Versions)
            {
                _versions[stream] = version;
            }
        }

        ApplianceTelemetry.JournalBatchSize.Record(batch.Count);
        ApplianceTelemetry.JournalEvents.Add(decided.Rows.Count);
        ApplianceTelemetry.JournalCommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(decided.Results[i]);
        }
        if (decided.Rows.Count > 0)
        {
            Committed?.Invoke();
        }
    }

    private static async Task RollbackQuietlyAsync(NpgsqlConnection conn)
    {
        try
        {
            await using var rollback = new NpgsqlCommand("rollback", conn);
            await rollback.ExecuteNonQueryAsync();
        }
        catch (Exception)
        {
            // The connection is broken; reconnecting discards the transaction anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                await _stop.CancelAsync();
            }
        }
        _stop.Dispose();
        if (_conn is not null)
        {
            await _conn.DisposeAsync();
        }
    }

    private sealed class Pending(StreamAppend append)
    {
        public StreamAppend Append { get; } = append;
        // Completed synchronously: the awaiting grain's continuation is queued to its own scheduler, never run
        // on the writer's thread, so this saves a thread hop per command without blocking the writer.
        public TaskCompletionSource<AppendResult> Completion { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A journal batch of {Count} appends failed; its requests were refused")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconnecting the journal writer failed (attempt {Attempt})")]
    private static partial void LogReconnectFailed(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused an append to {StreamId} ({SqlState}: {Reason}); it alone was refused, the rest of its batch went on")]
    private static partial void LogAppendRefused(ILogger logger, string streamId, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another process holds the journal's writer lock; waiting for it (two appliances on one database?)")]
    private static partial void LogWaitingForLock(ILogger logger);
}
