using System.Text.Json;
using Pos.Client.Http;
using Pos.Client.Storage;

namespace Pos.Client.Staff;

/// <summary>
/// A person signed in on this device: their staff session's token, sent as the bearer token in place of the device's
/// for what they do, until <see cref="ExpiresAt"/> or sign-out. <see cref="ClockedInAt"/> is their shift as this device
/// last heard of it (at sign-in, then from each clock-in and clock-out).
/// </summary>
public sealed record StaffSignIn(
    string EmployeeId, string Name, string Role, string SessionToken, DateTimeOffset ExpiresAt, DateTimeOffset? ClockedInAt = null);

/// <summary>What the device keeps of its staff sessions: the person signed in, and those signed out whose commands still wait.</summary>
internal sealed record StaffSessionsDocument(StaffSignIn? Current, IReadOnlyList<StaffSignIn> Leaving);

/// <summary>
/// The staff sessions of one device, beside its device token (which stays the device's identity: pairing, reads, the
/// live stream). The person signed in (<see cref="Current"/>) is who the device's commands are from: each queued
/// command records them, and is sent with their session's token while it lives, even after they signed out here (a
/// person who signs out with changes still waiting is <see cref="Leaving"/> until those are sent; then the session is
/// ended on the appliance). A session the appliance refuses (401: it expired, or was ended elsewhere) is forgotten,
/// and what still waits of that person's is sent with the device's own token. Kept in the device's store, so a reload
/// keeps the person signed in.
/// </summary>
public sealed class StaffSessions(IClientStore store, TimeProvider? time = null)
{
    /// <summary>The document of the store the sessions are kept under.</summary>
    public const string DocumentName = "staff-sessions";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private StaffSignIn? _current;
    private List<StaffSignIn> _leaving = [];

    /// <summary>The person signed in on this device, or null.</summary>
    public StaffSignIn? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>People signed out here whose session stays until their waiting commands are sent.</summary>
    public IReadOnlyList<StaffSignIn> Leaving
    {
        get
        {
            lock (_gate)
            {
                return [.. _leaving];
            }
        }
    }

    /// <summary>Raised when who is signed in, or what is known of their shift, changed.</summary>
    public event Action? Changed;

    /// <summary>Raised when the session of the person signed in ended without them signing out (expired, ended elsewhere).</summary>
    public event Action<StaffSignIn>? Ended;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(DocumentName, cancellationToken) is { } json
            && JsonSerializer.Deserialize(json, WireJson.Info<StaffSessionsDocument>()) is { } kept)
        {
            lock (_gate)
            {
                (_current, _leaving) = (kept.Current, [.. kept.Leaving]);
            }
        }
        await ExpireAsync(cancellationToken);
    }

    /// <summary>The token to send a command of <paramref name="employeeId"/>'s with: their live session on this device, or null.</summary>
    public string? TokenFor(string employeeId)
    {
        lock (_gate)
        {
            return _current?.EmployeeId == employeeId
                ? _current.SessionToken
                : _leaving.LastOrDefault(s => s.EmployeeId == employeeId)?.SessionToken;
        }
    }

    /// <summary>A person signed in: they replace whoever was signed in, who leaves (their waiting commands go as theirs).</summary>
    public Task SignedInAsync(StaffSignIn person, CancellationToken cancellationToken = default) => ChangeAsync(() =>
    {
        if (_current is { } before && before.SessionToken != person.SessionToken)
        {
            _leaving.Add(before);
        }
        _current = person;
        return true;
    }, cancellationToken);

    /// <summary>The person signed in signs out: they leave at once here; their session ends once their commands are sent.</summary>
    public async Task<StaffSignIn?> SignOutAsync(CancellationToken cancellationToken = default)
    {
        StaffSignIn? leaving = null;
        await ChangeAsync(() =>
        {
            if (_current is not { } person)
            {
                return false;
            }
            _leaving.Add(person);
            (leaving, _current) = (person, null);
            return true;
        }, cancellationToken);
        return leaving;
    }

    /// <summary>The session was ended on the appliance (or need not be): forgotten here.</summary>
    public Task ForgetAsync(string sessionToken, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => _leaving.RemoveAll(s => s.SessionToken == sessionToken) > 0, cancellationToken);

    /// <summary>
    /// The appliance refused <paramref name="sessionToken"/> (401): the session ended without this device's sign-out.
    /// Forgotten; if it was the person signed in, <see cref="Ended"/> tells the screens (back to the PIN pad).
    /// </summary>
    public async Task RefusedAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        StaffSignIn? ended = null;
        await ChangeAsync(() =>
        {
            if (_current?.SessionToken == sessionToken)
            {
                (ended, _current) = (_current, null);
                return true;
            }
            return _leaving.RemoveAll(s => s.SessionToken == sessionToken) > 0;
        }, cancellationToken);
        if (ended is not null)
        {
            Ended?.Invoke(ended);
        }
    }

    /// <summary>Forgets sessions past their end by this device's clock, as the appliance would refuse them.</summary>
    public async Task ExpireAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        StaffSignIn? ended = null;
        await ChangeAsync(() =>
        {
            var changed = _leaving.RemoveAll(s => s.ExpiresAt <= now) > 0;
            if (_current is { } person && person.ExpiresAt <= now)
            {
                (ended, _current) = (person, null);
                changed = true;
            }
            return changed;
        }, cancellationToken);
        if (ended is not null)
        {
            Ended?.Invoke(ended);
        }
    }

    /// <summary>What the appliance answered of the shift of the person signed in (a clock-in or clock-out).</summary>
    public Task ShiftAsync(string employeeId, DateTimeOffset? clockedInAt, CancellationToken cancellationToken = default) =>
        ChangeAsync(() =>
        {
            if (_current?.EmployeeId != employeeId || _current.ClockedInAt == clockedInAt)
            {
                return false;
            }
            _current = _current with { ClockedInAt = clockedInAt };
            return true;
        }, cancellationToken);

    private async Task ChangeAsync(Func<bool> change, CancellationToken cancellationToken)
    {
        // One change and its write at a time, so the store holds the last change, never an older one written later.
        await _writing.WaitAsync(cancellationToken);
        try
        {
            string json;
            lock (_gate)
            {
                if (!change())
                {
                    return;
                }
                json = JsonSerializer.Serialize(new StaffSessionsDocument(_current, [.. _leaving]), WireJson.Info<StaffSessionsDocument>());
            }
            await store.WriteAsync(DocumentName, json, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
        Changed?.Invoke();
    }
}
