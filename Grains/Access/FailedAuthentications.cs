namespace Pos.Grains.Access;

/// <summary>How many failed authentications an address may make before its credentials are refused unread.</summary>
public sealed record FailedAuthenticationLimits
{
    /// <summary>Failures within <see cref="Window"/> that start the cool-down.</summary>
    public int MaxFailures { get; init; } = 20;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an address that reached <see cref="MaxFailures"/> is refused.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most addresses remembered at once, so a flood from many addresses cannot grow memory.</summary>
    public int MaxAddresses { get; init; } = 10_000;
}

/// <summary>
/// Failed authentications per client address (the pure core behind the appliance's and the cloud's limits): after
/// <see cref="FailedAuthenticationLimits.MaxFailures"/> failures within the window, the address is refused for the
/// cool-down without any credential being looked at. Successes are not counted and never slowed; other addresses are
/// not affected. Time comes from a <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed class FailedAuthentications(TimeProvider time, FailedAuthenticationLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public FailedAuthenticationLimits Limits => limits;

    /// <summary>How many addresses are remembered now (never more than <see cref="FailedAuthenticationLimits.MaxAddresses"/>).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _tallies.Count;
            }
        }
    }

    /// <summary>How long <paramref name="address"/> must still wait before its credentials are looked at; null when they may be.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tallies.TryGetValue(address, out var tally) || tally.LimitedUntil is not { } until)
            {
                return null;
            }
            if (now < until)
            {
                return until - now;
            }
            _tallies.Remove(address); // cooled down: a clean slate
            return null;
        }
    }

    /// <summary>
    /// Counts a failure of <paramref name="address"/>. Returns the number of failures in the window when this one
    /// starts the cool-down (the moment to say so, once), otherwise null.
    /// </summary>
    public int? Failed(string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tallies.TryGetValue(address, out var tally))
            {
                if (_tallies.Count >= limits.MaxAddresses && !MakeRoom(now))
                {
                    return null; // every remembered address is cooling down: this one goes uncounted rather than grow memory
                }
                tally = new Tally(now);
                _tallies[address] = tally;
            }
            if (tally.LimitedUntil is { } until)
            {
                if (now < until)
                {
                    return null; // a request that was already past the check when the limit began
                }
                tally.Restart(now);
            }
            if (now - tally.WindowStart >= limits.Window)
            {
                tally.Restart(now);
            }
            tally.Count++;
            if (tally.Count < limits.MaxFailures)
            {
                return null;
            }
            tally.LimitedUntil = now + limits.CoolDown;
            return tally.Count;
        }
    }

    /// <summary>Forgets what no longer counts; if that is not enough, every address not cooling down. False when none could go.</summary>
    private bool MakeRoom(DateTimeOffset now)
    {
        var stale = _tallies.Where(p => p.Value.LimitedUntil is { } until ? until <= now : now - p.Value.WindowStart >= limits.Window)
            .Select(p => p.Key).ToList();
        if (stale.Count == 0)
        {
            stale = [.. _tallies.Where(p => p.Value.LimitedUntil is null).Select(p => p.Key)];
        }
        foreach (var address in stale)
        {
            _tallies.Remove(address);
        }
        return stale.Count > 0;
    }

    private sealed class Tally(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; private set; } = windowStart;
        public int Count { get; set; }
        public DateTimeOffset? LimitedUntil { get; set; }

        public void Restart(DateTimeOffset now)
        {
            WindowStart = now;
            Count = 0;
            LimitedUntil = null;
        }
    }
}
