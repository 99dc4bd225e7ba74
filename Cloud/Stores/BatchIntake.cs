using Microsoft.Extensions.Logging.Abstractions;

namespace Pos.Cloud.Stores;

/// <summary>How much of the cloud a journal batch may take before its signature is known to be good.</summary>
public sealed record BatchIntakeLimits
{
    /// <summary>The largest body taken (the appliance splits its batches to stay under it).</summary>
    public int MaxBytes { get; init; } = JournalBatch.MaxBytes;

    /// <summary>Bodies read at once before their signature is checked: at most this many times <see cref="MaxBytes"/> in memory.</summary>
    public int Readers { get; init; } = 8;

    /// <summary>Requests that may wait for a reader; beyond them, 503 at once. A waiting request holds no body memory of ours.</summary>
    public int Waiting { get; init; } = 128;

    /// <summary>The longest a request waits for a reader before it is answered 503.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a body may take to arrive once its reader has it: a slow sender cannot hold a reader for long.</summary>
    public TimeSpan ReadWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Refused bodies (a signature that did not match, a body over the limit) read since the last time memory was handed
    /// back, from which it is handed back again once nothing is being read.
    /// </summary>
    public long ReturnMemoryAfter { get; init; } = JournalBatch.MaxBytes;

    /// <summary>How long nothing must be read before memory is handed back, and the least time between two hand-backs.</summary>
    public TimeSpan ReturnMemoryWhenIdleFor { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReturnMemoryAtMostEvery { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The readers of unauthenticated batch bodies: a fixed number at once, a bounded number waiting for a while, the
/// rest turned away (503 try-again), so a burst of bodies from anyone cannot grow the cloud's memory beyond
/// <see cref="BatchIntakeLimits.Readers"/> bodies.
/// </summary>
/// <remarks>
/// What refused bodies took is garbage once they are refused, but a garbage collector that is not asked to run keeps
/// the memory (an idle silo allocates little, so no collection comes), and the silo would stay as large as the
/// burst made it. So once refused bodies add up to <see cref="BatchIntakeLimits.ReturnMemoryAfter"/> and nothing has
/// been read for a moment, one aggressive full collection hands the memory back to the operating system; at most one
/// every <see cref="BatchIntakeLimits.ReturnMemoryAtMostEvery"/>, so a steady flood costs a collection per half minute.
/// </remarks>
public sealed partial class BatchIntake : IDisposable
{
    private readonly BatchIntakeLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _readers;
    private readonly Lock _gate = new();
    private readonly ITimer _returnTimer;
    private int _waiting;
    private long _refusedBytes;
    private DateTimeOffset _lastReturn = DateTimeOffset.MinValue;

    public BatchIntake(BatchIntakeLimits limits, TimeProvider time, ILogger<BatchIntake>? logger = null)
    {
        _limits = limits;
        _time = time;
        _logger = logger ?? NullLogger<BatchIntake>.Instance;
        _readers = new SemaphoreSlim(limits.Readers, limits.Readers);
        _returnTimer = time.CreateTimer(_ => ReturnMemoryIfIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public BatchIntakeLimits Limits => _limits;

    /// <summary>Bodies being read now.</summary>
    public int Reading => _limits.Readers - _readers.CurrentCount;

    /// <summary>Requests waiting for a reader now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>How many times memory was handed back after refused bodies.</summary>
    public int MemoryReturns { get; private set; }

    /// <summary>A reader's slot, to dispose once the body is read; null when none came free in time or too many wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_readers.Wait(0, CancellationToken.None))
        {
            return new Slot(this);
        }
        if (Interlocked.Increment(ref _waiting) > _limits.Waiting)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }
        try
        {
            return await _readers.WaitAsync(_limits.MaxWait, cancellationToken) ? new Slot(this) : null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>A body of <paramref name="bytes"/> was read and refused (its signature did not match, or it was too large).</summary>
    public void Refused(long bytes) => Interlocked.Add(ref _refusedBytes, bytes);

    public void Dispose()
    {
        _returnTimer.Dispose();
        _readers.Dispose();
    }

    private void Left()
    {
        _readers.Release();
        if (Interlocked.Read(ref _refusedBytes) >= _limits.ReturnMemoryAfter)
        {
            _returnTimer.Change(_limits.ReturnMemoryWhenIdleFor, Timeout.InfiniteTimeSpan); // pushed back while reading goes on
        }
    }

    private void ReturnMemoryIfIdle()
    {
        long refused;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (Reading > 0 || Waiting > 0)
            {
                return; // the last reader to leave arms the timer again
            }
            if (now - _lastReturn < _limits.ReturnMemoryAtMostEvery)
            {
                _returnTimer.Change(_lastReturn + _limits.ReturnMemoryAtMostEvery - now, Timeout.InfiniteTimeSpan);
                return;
            }
            refused = Interlocked.Exchange(ref _refusedBytes, 0);
            if (refused < _limits.ReturnMemoryAfter)
            {
                Interlocked.Add(ref _refusedBytes, refused);
                return;
            }
            _lastReturn = now;
            MemoryReturns++;
        }
        var before = GC.GetTotalMemory(forceFullCollection: false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogMemoryReturned(_logger, refused / (1024 * 1024), before / (1024 * 1024), GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refused batch bodies took {RefusedMb} MB since memory was last handed back; collected (managed heap {BeforeMb} MB, now {AfterMb} MB).")]
    private static partial void LogMemoryReturned(ILogger logger, long refusedMb, long beforeMb, long afterMb);

    private sealed class Slot(BatchIntake intake) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                intake.Left();
            }
        }
    }
}
