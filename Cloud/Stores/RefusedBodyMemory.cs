namespace Pos.Cloud.Stores;

/// <summary>
/// Hands back to the operating system the memory that refused batch bodies took, when that is worth its cost.
/// </summary>
/// <remarks>
/// A refused body is garbage (its pooled chunks go back to the pool), but a garbage collector that is not asked to run
/// keeps the memory: an idle silo allocates little, so no collection comes, and the silo stays as large as the burst
/// made it. Only an aggressive full collection (blocking, compacting, decommitting) gives the memory back; measured on
/// a silo process after bursts of 40 refused 4 MB bodies (docs/SYNC.md): it returned 45-55 MB of resident set for a
/// pause of 16-45 ms of every thread, where a forced non-blocking collection paused 1 ms and returned nothing, and a
/// forced blocking one paused as long and returned nothing either. So it runs when refused bodies add up to
/// <see cref="BatchIntakeLimits.ReturnMemoryAfter"/>, nothing has been read for
/// <see cref="BatchIntakeLimits.ReturnMemoryWhenIdleFor"/>, the process has grown by at least
/// <see cref="BatchIntakeLimits.ReturnMemoryWhenGrownBy"/> since the last time (else the pause would buy little), and
/// at most once every <see cref="BatchIntakeLimits.ReturnMemoryAtMostEvery"/>, so a steady flood costs a pause per
/// half minute.
/// </remarks>
public sealed partial class RefusedBodyMemory : IDisposable
{
    private readonly BatchIntakeLimits _limits;
    private readonly TimeProvider _time;
    private readonly Func<bool> _reading;
    private readonly Func<long> _workingSet;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private long _refusedBytes;
    private long _baseline;
    private DateTimeOffset _lastReturn = DateTimeOffset.MinValue;

    /// <summary>
    /// Watches refused bodies; <paramref name="reading"/> says whether a body is being read or waits for a reader now,
    /// <paramref name="workingSet"/> the process's resident set (Environment.WorkingSet; a fake in tests).
    /// </summary>
    public RefusedBodyMemory(BatchIntakeLimits limits, TimeProvider time, Func<bool> reading, Func<long> workingSet, ILogger logger)
    {
        _limits = limits;
        _time = time;
        _reading = reading;
        _workingSet = workingSet;
        _logger = logger;
        _baseline = workingSet();
        _timer = time.CreateTimer(_ => ReturnIfIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many times memory was handed back.</summary>
    public int Returns { get; private set; }

    /// <summary>How many times it was due but not worth it: the process had not grown enough since the last time.</summary>
    public int NotWorthIt { get; private set; }

    /// <summary>A body of <paramref name="bytes"/> was read and refused (its signature did not match, or it was too large).</summary>
    public void Refused(long bytes) => Interlocked.Add(ref _refusedBytes, bytes);

    /// <summary>A reader left: once enough was refused, memory is looked at when nothing has been read for a moment.</summary>
    public void ReaderLeft()
    {
        if (Interlocked.Read(ref _refusedBytes) >= _limits.ReturnMemoryAfter)
        {
            _timer.Change(_limits.ReturnMemoryWhenIdleFor, Timeout.InfiniteTimeSpan); // pushed back while reading goes on
        }
    }

    public void Dispose() => _timer.Dispose();

    private void ReturnIfIdle()
    {
        long refused, grown;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_reading())
            {
                return; // the last reader to leave arms the timer again
            }
            if (now - _lastReturn < _limits.ReturnMemoryAtMostEvery)
            {
                _timer.Change(_lastReturn + _limits.ReturnMemoryAtMostEvery - now, Timeout.InfiniteTimeSpan);
                return;
            }
            refused = Interlocked.Exchange(ref _refusedBytes, 0);
            if (refused < _limits.ReturnMemoryAfter)
            {
                Interlocked.Add(ref _refusedBytes, refused);
                return;
            }
            grown = _workingSet() - _baseline;
            if (grown < _limits.ReturnMemoryWhenGrownBy)
            {
                NotWorthIt++;
                LogNotWorthIt(_logger, refused / (1024 * 1024), grown / (1024 * 1024));
                return;
            }
            _lastReturn = now;
            Returns++;
        }
        var before = _workingSet();
        var paused = GC.GetTotalPauseDuration();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = _workingSet();
        lock (_gate)
        {
            _baseline = after;
        }
        LogReturned(_logger, refused / (1024 * 1024), before / (1024 * 1024), after / (1024 * 1024),
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refused batch bodies took {RefusedMb} MB; memory handed back by an aggressive collection (resident set {BeforeMb} MB, now {AfterMb} MB; threads paused {PauseMs} ms).")]
    private static partial void LogReturned(ILogger logger, long refusedMb, long beforeMb, long afterMb, double pauseMs);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Refused batch bodies took {RefusedMb} MB, but the process grew by only {GrownMb} MB since memory was last handed back: no collection.")]
    private static partial void LogNotWorthIt(ILogger logger, long refusedMb, long grownMb);
}
