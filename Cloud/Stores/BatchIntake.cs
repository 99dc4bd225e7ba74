using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Pos.Contracts.Sync;
using Pos.Hosting.Access;

namespace Pos.Cloud.Stores;

/// <summary>How much of the cloud a journal batch may take before its signature is known to be good.</summary>
public sealed record BatchIntakeLimits
{
    /// <summary>The largest body taken (the appliance splits its batches to stay under it).</summary>
    public int MaxBytes { get; init; } = JournalBatch.MaxBytes;

    /// <summary>Bodies read at once before their signature is checked: at most this many times <see cref="MaxBytes"/> in memory.</summary>
    public int Readers { get; init; } = 8;

    /// <summary>
    /// Bodies one client (an IPv4 address, an IPv6 /64: <see cref="FailedAuthentications.ClientOf"/>) may have read or
    /// waiting at once; beyond them, 503 at once, not queued. A store sends one batch at a time, so this leaves room for
    /// two stores behind one address, and no single address can hold every reader.
    /// </summary>
    public int ReadersPerClient { get; init; } = 2;

    /// <summary>Requests that may wait for a reader; beyond them, 503 at once. A waiting request holds no body memory of ours.</summary>
    public int Waiting { get; init; } = 128;

    /// <summary>The longest a request waits for a reader before it is answered 503.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a body may take to arrive once its reader has it: a slow sender cannot hold a reader for long.</summary>
    public TimeSpan ReadWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The slowest a body may arrive, on average, once its grace period is over (Kestrel's per-request minimum data
    /// rate, 240 B/s by default for every request): 4 KiB/s after 5 s. A body trickled in holds its reader about 5 s
    /// rather than <see cref="ReadWithin"/>; a store on a line slower than 32 kbit/s could not send a full batch within
    /// <see cref="ReadWithin"/> anyway. Null leaves Kestrel's default.
    /// </summary>
    public MinDataRate? MinBodyRate { get; init; } = new(bytesPerSecond: 4096, gracePeriod: TimeSpan.FromSeconds(5));

    /// <summary>
    /// Refused bodies (a signature that did not match, a body over the limit) read since the last time memory was handed
    /// back, from which it is handed back again once nothing is being read.
    /// </summary>
    public long ReturnMemoryAfter { get; init; } = JournalBatch.MaxBytes;

    /// <summary>How long nothing must be read before memory is handed back, and the least time between two hand-backs.</summary>
    public TimeSpan ReturnMemoryWhenIdleFor { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReturnMemoryAtMostEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much the process's resident set must have grown since memory was last handed back (or since the intake
    /// began) for the collection's pause to be worth it (<see cref="RefusedBodyMemory"/>).
    /// </summary>
    public long ReturnMemoryWhenGrownBy { get; init; } = 32L * 1024 * 1024;
}

/// <summary>Why a request got no reader.</summary>
public enum IntakeRefusal
{
    /// <summary>It got one.</summary>
    None,

    /// <summary>Its client has <see cref="BatchIntakeLimits.ReadersPerClient"/> bodies read or waiting already.</summary>
    ClientBusy,

    /// <summary>Every reader is busy and too many wait, or none came free in time.</summary>
    Busy,
}

/// <summary>A request's place among the readers: <see cref="Reader"/> to dispose once the body is read, or why it has none.</summary>
public readonly record struct IntakeEntry(IDisposable? Reader, IntakeRefusal Refusal);

/// <summary>
/// The readers of unauthenticated batch bodies: a fixed number at once, at most a few per client, a bounded number
/// waiting for a while, the rest turned away (503 try-again), so a burst of bodies from anyone cannot grow the cloud's
/// memory beyond <see cref="BatchIntakeLimits.Readers"/> bodies, and one client (anyone who knows a store id and
/// sends a fresh, well-formed signature header) cannot take every reader.
/// </summary>
/// <remarks>What refused bodies took is handed back to the operating system when worth it: <see cref="RefusedBodyMemory"/>.</remarks>
public sealed class BatchIntake : IDisposable
{
    private readonly BatchIntakeLimits _limits;
    private readonly SemaphoreSlim _readers;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _waiting;

    /// <summary>The intake; <paramref name="workingSet"/> is the process's resident set (<see cref="Environment.WorkingSet"/> unless a test fakes it).</summary>
    public BatchIntake(BatchIntakeLimits limits, TimeProvider time, ILogger<BatchIntake>? logger = null, Func<long>? workingSet = null)
    {
        _limits = limits;
        _readers = new SemaphoreSlim(limits.Readers, limits.Readers);
        Memory = new RefusedBodyMemory(limits, time, () => Reading > 0 || Waiting > 0, workingSet ?? (() => Environment.WorkingSet),
            logger ?? (ILogger)NullLogger<BatchIntake>.Instance);
    }

    /// <summary>What refused bodies took, and its hand-back.</summary>
    public RefusedBodyMemory Memory { get; }

    public BatchIntakeLimits Limits => _limits;

    /// <summary>Bodies being read now.</summary>
    public int Reading => _limits.Readers - _readers.CurrentCount;

    /// <summary>Requests waiting for a reader now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Bodies being read or waiting for a reader now, per client.</summary>
    public int OfClient(IPAddress? address)
    {
        lock (_gate)
        {
            return _perClient.GetValueOrDefault(FailedAuthentications.ClientOf(address));
        }
    }

    /// <summary>
    /// A reader for a body from <paramref name="address"/>: at once, or after a wait when every reader is busy; none
    /// when its client has as many bodies in as it may (<see cref="IntakeRefusal.ClientBusy"/>), or when none came free
    /// in time or too many wait (<see cref="IntakeRefusal.Busy"/>).
    /// </summary>
    public async Task<IntakeEntry> EnterAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var client = FailedAuthentications.ClientOf(address);
        lock (_gate)
        {
            var bodies = _perClient.GetValueOrDefault(client);
            if (bodies >= _limits.ReadersPerClient)
            {
                return new IntakeEntry(null, IntakeRefusal.ClientBusy);
            }
            _perClient[client] = bodies + 1;
        }
        var entered = false;
        try
        {
            entered = await EnterAsync(cancellationToken);
            return entered ? new IntakeEntry(new Slot(this, client), IntakeRefusal.None) : new IntakeEntry(null, IntakeRefusal.Busy);
        }
        finally
        {
            if (!entered)
            {
                LeftClient(client);
            }
        }
    }

    private async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (_readers.Wait(0, CancellationToken.None))
        {
            return true;
        }
        if (Interlocked.Increment(ref _waiting) > _limits.Waiting)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }
        try
        {
            return await _readers.WaitAsync(_limits.MaxWait, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>A body of <paramref name="bytes"/> was read and refused (its signature did not match, or it was too large).</summary>
    public void Refused(long bytes) => Memory.Refused(bytes);

    public void Dispose()
    {
        Memory.Dispose();
        _readers.Dispose();
    }

    private void LeftClient(string client)
    {
        lock (_gate)
        {
            if (_perClient.GetValueOrDefault(client) <= 1)
            {
                _perClient.Remove(client);
            }
            else
            {
                _perClient[client]--;
            }
        }
    }

    private void Left(string client)
    {
        LeftClient(client);
        _readers.Release();
        Memory.ReaderLeft();
    }

    private sealed class Slot(BatchIntake intake, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                intake.Left(client);
            }
        }
    }
}
