namespace Pos.Api.Staff;

/// <summary>How many wrong PINs lock a device or a person out, and for how long.</summary>
public sealed record PinLockout
{
    /// <summary>Wrong PINs within <see cref="Window"/> that lock out.</summary>
    public int Failures { get; init; } = 5;

    /// <summary>How far back wrong PINs count.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lock-out; each next one (before <see cref="Forgiven"/> passes without one) lasts twice the last.</summary>
    public TimeSpan First { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest lock-out.</summary>
    public TimeSpan Longest { get; init; } = TimeSpan.FromHours(1);

    /// <summary>After this long without a lock-out, the next one is the first again.</summary>
    public TimeSpan Forgiven { get; init; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Wrong PINs per device and per person (keys <c>device:{id}</c>, <c>employee:{id}</c>), in memory: a device or person
/// with <see cref="PinLockout.Failures"/> wrong PINs within the window is locked out for a while, longer each time. A
/// right PIN forgives nothing (else knowing one's own PIN would reset the count between guesses at a manager's). Pure
/// but for the lock: the time is given, so tests move it. Lost on restart, which an attacker cannot cause.
/// </summary>
public sealed class PinAttempts(PinLockout rules)
{
    private readonly Dictionary<string, Record> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public PinLockout Rules => rules;

    public static string DeviceKey(string deviceId) => "device:" + deviceId;

    public static string EmployeeKey(string employeeId) => "employee:" + employeeId;

    /// <summary>Until when <paramref name="key"/> is locked out, or null when it is not.</summary>
    public DateTimeOffset? LockedUntil(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _byKey.TryGetValue(key, out var r) && r.LockedUntil > now ? r.LockedUntil : null;
        }
    }

    /// <summary>Counts a wrong PIN against <paramref name="key"/>; the end of the lock-out it caused, or null when it caused none.</summary>
    public DateTimeOffset? Fail(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var r))
            {
                _byKey[key] = r = new Record();
            }
            r.Failures.RemoveAll(at => at <= now - rules.Window);
            r.Failures.Add(now);
            if (r.Failures.Count < rules.Failures)
            {
                return null;
            }
            r.Failures.Clear();
            r.Lockouts = r.LastLockout is { } last && now - last < rules.Forgiven ? r.Lockouts + 1 : 1;
            r.LastLockout = now;
            var length = TimeSpan.FromTicks(Math.Min(rules.Longest.Ticks, rules.First.Ticks << Math.Min(r.Lockouts - 1, 20)));
            r.LockedUntil = now + length;
            return r.LockedUntil;
        }
    }

    /// <summary>How many more wrong PINs <paramref name="key"/> may send before it is locked out.</summary>
    public int Left(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _byKey.TryGetValue(key, out var r)
                ? Math.Max(0, rules.Failures - r.Failures.Count(at => at > now - rules.Window))
                : rules.Failures;
        }
    }

    private sealed class Record
    {
        public List<DateTimeOffset> Failures { get; } = [];
        public DateTimeOffset LockedUntil { get; set; }
        public DateTimeOffset? LastLockout { get; set; }
        public int Lockouts { get; set; }
    }
}
