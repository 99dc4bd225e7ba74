using System.Collections.Concurrent;
using Pos.Api.Auth;
using Pos.Grains.Clock;
using Pos.Grains.Journal;

namespace Pos.Api.Staff;

/// <summary>A person signed in on a device until <c>ExpiresAt</c> (or sign-out, deactivation, the device's revocation).</summary>
public sealed record StaffSession(Guid SessionId, string EmployeeId, string DeviceId, DateTimeOffset ExpiresAt);

/// <summary>Who a staff session's token stands for: the device it was made on and the person, with the person's role.</summary>
public sealed record StaffIdentity(DeviceIdentity Device, Employee Employee, StaffSession Session);

/// <summary>
/// Live staff sessions by the SHA-256 of their token, in memory (as devices are): a session token is recognised without
/// the database. A session counts only while it has not expired, its device is still admitted (a revoked device's
/// sessions end with it) and its employee is active (a deactivated person's sessions end with them).
/// </summary>
public sealed class StaffSessionDirectory(IDeviceDirectory devices, StaffRoster roster, StoreClock clock)
{
    /// <summary>What every session token starts with, so it is told from a device's token without a second lookup.</summary>
    public const string TokenPrefix = "pos_staff_";

    private readonly ConcurrentDictionary<string, StaffSession> _byTokenHash = new(StringComparer.Ordinal);

    public static bool IsSessionToken(string token) => token.StartsWith(TokenPrefix, StringComparison.Ordinal);

    /// <summary>A new token: 32 random bytes, URL-safe base64, after <see cref="TokenPrefix"/>.</summary>
    public static string NewToken() => SecretTokens.New(TokenPrefix);

    public static byte[] HashOf(string token) => SecretTokens.HashOf(token);

    /// <summary>The person and device a session token stands for, or null when it is unknown, expired or ended.</summary>
    public StaffIdentity? Find(string token)
    {
        if (token.Length > 512)
        {
            return null;
        }
        if (!roster.Loaded)
        {
            throw new JournalUnavailableException("The store's database is not answering: it is not started yet.");
        }
        if (!_byTokenHash.TryGetValue(Key(HashOf(token)), out var session) || session.ExpiresAt <= clock.Now())
        {
            return null;
        }
        var device = devices.FindById(session.DeviceId);
        var employee = roster.Find(session.EmployeeId);
        return device is null || employee is not { Active: true } ? null : new StaffIdentity(device, employee, session);
    }

    public void Admit(byte[] tokenHash, StaffSession session) => _byTokenHash[Key(tokenHash)] = session;

    /// <summary>How many sessions are held in memory (expired ones included until purged).</summary>
    public int Count => _byTokenHash.Count;

    /// <summary>Forgets the sessions expired at <paramref name="now"/> (they are refused already); how many.</summary>
    public int PurgeExpired(DateTimeOffset now) => Remove(s => s.ExpiresAt <= now).Count;

    /// <summary>Ends one session (signed out).</summary>
    public void End(Guid sessionId) => Remove(s => s.SessionId == sessionId);

    /// <summary>Ends every session of a person (deactivated); the ids of the sessions ended.</summary>
    public IReadOnlyList<Guid> EndAllOf(string employeeId) =>
        Remove(s => string.Equals(s.EmployeeId, employeeId, StringComparison.Ordinal));

    private List<Guid> Remove(Func<StaffSession, bool> which)
    {
        var ended = new List<Guid>();
        foreach (var (key, session) in _byTokenHash)
        {
            if (which(session) && _byTokenHash.TryRemove(key, out _))
            {
                ended.Add(session.SessionId);
            }
        }
        return ended;
    }

    private static string Key(byte[] tokenHash) => Convert.ToBase64String(tokenHash);
}
