using System.Collections.Concurrent;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Grains.Journal;

namespace Pos.Api.Staff;

/// <summary>Whose PIN it was, or the refusal to answer (and, when locked out, until when).</summary>
public sealed record PinVerdict(Employee? Employee, CommandError? Refusal, DateTimeOffset? LockedUntil = null);

/// <summary>
/// The one check of a PIN typed on a device, for a sign-in and a manager's approval alike: a locked-out device is
/// refused before any hash is computed; a PIN that is nobody's counts against the device (and the person signed in on
/// it, if any); a PIN of a locked-out person is refused. Every refusal is journaled (<see cref="PinRefused"/>, never the
/// PIN), as the issue asks; the device's write limit bounds how many a device can cause. One check at a time per device: a burst of PINs sent at once from one device is answered 429 beyond the first, so concurrent guesses
/// cannot pass the lock-out check together, and one device never queues more than one scan for everyone else.
/// </summary>
public sealed class PinCheck(StaffRoster roster, PinAttempts attempts, IStaffBook book, StoreClock clock)
{
    /// <summary>How long a device whose PIN check is still running is told to wait.</summary>
    private static readonly TimeSpan BusyFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, byte> _checking = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="pin"/> typed on <paramref name="deviceId"/> by <paramref name="requester"/> (a staff session's person, or null).</summary>
    public async Task<PinVerdict> CheckAsync(string deviceId, string? requester, string pin, string purpose, CancellationToken cancellationToken)
    {
        if (!roster.Loaded)
        {
            throw new JournalUnavailableException("The store's database is not answering: it is not started yet.");
        }
        if (!_checking.TryAdd(deviceId, 0))
        {
            var until = clock.Now() + BusyFor;
            return new PinVerdict(null, Locked(until, "This device's previous PIN is still being checked"), until);
        }
        try
        {
            return await CheckOneAsync(deviceId, requester, pin, purpose, cancellationToken);
        }
        finally
        {
            _checking.TryRemove(deviceId, out _);
        }
    }

    private async Task<PinVerdict> CheckOneAsync(string deviceId, string? requester, string pin, string purpose, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var deviceKey = PinAttempts.DeviceKey(deviceId);
        if (attempts.LockedUntil(deviceKey, now) is { } deviceLocked)
        {
            return await RefuseAsync(deviceId, requester, null, purpose, "device-locked", deviceLocked,
                Locked(deviceLocked, "This device typed too many wrong PINs"), cancellationToken);
        }
        if (requester is not null && attempts.LockedUntil(PinAttempts.EmployeeKey(requester), now) is { } requesterLocked)
        {
            return await RefuseAsync(deviceId, requester, requester, purpose, "locked", requesterLocked,
                Locked(requesterLocked, "The person signed in here typed too many wrong PINs"), cancellationToken);
        }
        var employee = StaffRules.IsPin(pin) ? await roster.MatchAsync(pin, except: null, cancellationToken) : null;
        if (employee is null)
        {
            var lockedUntil = Fail(deviceKey, requester, now);
            var left = attempts.Left(deviceKey, now);
            return await RefuseAsync(deviceId, requester, null, purpose, "no-match", lockedUntil, lockedUntil is { } until
                ? Locked(until, "That PIN is nobody's, and this device typed too many wrong PINs")
                : new CommandError(ErrorCodes.PinInvalid, $"That PIN is nobody's. {left} more wrong PIN{(left == 1 ? "" : "s")} lock this device for a while.", "pin"),
                cancellationToken);
        }
        if (attempts.LockedUntil(PinAttempts.EmployeeKey(employee.EmployeeId), now) is { } employeeLocked)
        {
            return await RefuseAsync(deviceId, requester, employee.EmployeeId, purpose, "locked", employeeLocked,
                Locked(employeeLocked, "This PIN's owner is locked out after too many wrong PINs"), cancellationToken);
        }
        return new PinVerdict(employee, null);
    }

    /// <summary>
    /// A right PIN for the wrong act (a server's PIN given as a manager's approval): counts against the device, the
    /// person whose PIN it is and the person asking, and is journaled.
    /// </summary>
    public async Task<PinVerdict> RefuseAsync(
        string deviceId, string? requester, Employee owner, string purpose, string reason, CommandError refusal, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var lockedUntil = Fail(PinAttempts.DeviceKey(deviceId), requester, now);
        lockedUntil = Later(lockedUntil, attempts.Fail(PinAttempts.EmployeeKey(owner.EmployeeId), now));
        return await RefuseAsync(deviceId, requester, owner.EmployeeId, purpose, reason, lockedUntil, refusal, cancellationToken);
    }

    private DateTimeOffset? Fail(string deviceKey, string? requester, DateTimeOffset now)
    {
        var lockedUntil = attempts.Fail(deviceKey, now);
        return requester is null ? lockedUntil : Later(lockedUntil, attempts.Fail(PinAttempts.EmployeeKey(requester), now));
    }

    private async Task<PinVerdict> RefuseAsync(
        string deviceId, string? requester, string? employeeId, string purpose, string reason, DateTimeOffset? lockedUntil,
        CommandError refusal, CancellationToken cancellationToken)
    {
        await book.RecordRefusalAsync(new PinRefused(deviceId, employeeId, purpose, reason, lockedUntil), deviceId, requester, cancellationToken);
        return new PinVerdict(null, refusal, lockedUntil);
    }

    private static CommandError Locked(DateTimeOffset until, string why) =>
        new(ErrorCodes.PinLocked, $"{why}: PINs are refused here until {until:u}. Wait, or ask a manager.");

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
