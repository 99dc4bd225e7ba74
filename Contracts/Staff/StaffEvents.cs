using Pos.Contracts.Journal;

namespace Pos.Contracts.Staff;

/// <summary>
/// A change to the store's people, as stored in the journal. Never a PIN nor a hash of one: those stay in the
/// appliance's own table, where a changed PIN's old hash is erased. An employee's events are in their stream
/// <c>employee-{employeeId}</c> (saves, deactivation, clock-in and -out), a session's in <c>staff-session-{sessionId}</c>,
/// each refused PIN in a stream of its own, <c>pin-refusal-{id}</c>.
/// </summary>
public abstract record StaffEvent;

/// <summary>An employee was created or changed by the event's device (and person); <c>PinChanged</c> says a new PIN was set.</summary>
public sealed record EmployeeSaved(string EmployeeId, string Name, string Role, bool Active, bool PinChanged) : StaffEvent;

/// <summary>An employee was deactivated: their sessions end, their PIN signs nobody in, they can no longer clock in.</summary>
public sealed record EmployeeDeactivated(string EmployeeId, string Name) : StaffEvent;

/// <summary>A person signed in on <c>DeviceId</c> with their PIN, until <c>ExpiresAt</c> at the latest.</summary>
public sealed record StaffSignedIn(Guid SessionId, string EmployeeId, string DeviceId, DateTimeOffset ExpiresAt) : StaffEvent;

/// <summary>A session ended before it expired: the person signed out.</summary>
public sealed record StaffSignedOut(Guid SessionId, string EmployeeId) : StaffEvent;

/// <summary>
/// A PIN was refused on <c>DeviceId</c> for <c>Purpose</c> (<c>sign-in</c> or <c>approval</c>). <c>Reason</c>:
/// <c>no-match</c> (nobody's PIN), <c>locked</c> (the PIN is a locked-out employee's: <c>EmployeeId</c> names them),
/// <c>device-locked</c> (the device tried too many wrong PINs), <c>not-a-manager</c> (an approval given with the PIN of
/// someone who is not a manager: <c>EmployeeId</c>). Never the PIN.
/// </summary>
public sealed record PinRefused(string DeviceId, string? EmployeeId, string Purpose, string Reason, DateTimeOffset? LockedUntil) : StaffEvent;

/// <summary>An employee clocked in: shift <c>ShiftId</c> began at <c>At</c>. Counts for the business date of <c>At</c>.</summary>
public sealed record ClockedIn(string EmployeeId, string Name, Guid ShiftId, DateTimeOffset At) : StaffEvent;

/// <summary>
/// An employee clocked out: shift <c>ShiftId</c> ran from <c>InAt</c> to <c>OutAt</c>. Counts for the business date of
/// its clock-in (or, when that date is sealed already, of the clock-out).
/// </summary>
public sealed record ClockedOut(string EmployeeId, string Name, Guid ShiftId, DateTimeOffset InAt, DateTimeOffset OutAt) : StaffEvent;

/// <summary>Stream names and JSON of the staff events.</summary>
public static class StaffEvents
{
    public const string EmployeeStreamPrefix = "employee-";
    public const string SessionStreamPrefix = "staff-session-";
    public const string PinRefusalStreamPrefix = "pin-refusal-";

    public const string SignIn = "sign-in";
    public const string Approval = "approval";

    private static readonly EventTypes<StaffEvent> Types = new(
        "a staff", typeof(EmployeeSaved), typeof(EmployeeDeactivated), typeof(StaffSignedIn), typeof(StaffSignedOut),
        typeof(PinRefused), typeof(ClockedIn), typeof(ClockedOut));

    public static string EmployeeStreamOf(string employeeId) => EmployeeStreamPrefix + employeeId;

    public static string SessionStreamOf(Guid sessionId) => SessionStreamPrefix + sessionId.ToString("D");

    public static string PinRefusalStreamOf(Guid refusalId) => PinRefusalStreamPrefix + refusalId.ToString("D");

    public static bool IsStaffEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(StaffEvent e) => Types.ToNew(e);

    public static StaffEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
