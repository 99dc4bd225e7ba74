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
}

/// <summary>
/// The readers of unauthenticated batch bodies: a fixed number at once, a bounded number waiting for a while, the
/// rest turned away (503 try-again), so a burst of bodies from anyone cannot grow the cloud's memory.
/// </summary>
public sealed class BatchIntake(BatchIntakeLimits limits) : IDisposable
{
    private readonly SemaphoreSlim _readers = new(limits.Readers, limits.Readers);
    private int _waiting;

    public BatchIntakeLimits Limits => limits;

    /// <summary>Bodies being read now.</summary>
    public int Reading => limits.Readers - _readers.CurrentCount;

    /// <summary>Requests waiting for a reader now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A reader's slot, to dispose once the body is read; null when none came free in time or too many wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_readers.Wait(0, CancellationToken.None))
        {
            return new Slot(_readers);
        }
        if (Interlocked.Increment(ref _waiting) > limits.Waiting)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }
        try
        {
            return await _readers.WaitAsync(limits.MaxWait, cancellationToken) ? new Slot(_readers) : null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _readers.Dispose();

    private sealed class Slot(SemaphoreSlim readers) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                readers.Release();
            }
        }
    }
}
