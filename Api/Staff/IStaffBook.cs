using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Commands;

namespace Pos.Api.Staff;

/// <summary>
/// Where the store's people are kept: each change journaled (<see cref="StaffEvents"/>), PIN hashes and sessions in
/// tables of their own, everything mirrored in memory (<see cref="StaffRoster"/>, <see cref="StaffSessionDirectory"/>).
/// Expected refusals come back as values; an unreachable database as <c>JournalUnavailableException</c> (503).
/// </summary>
public interface IStaffBook
{
    /// <summary>Creates or changes an employee; a PIN another active employee has is refused (<c>pin-taken</c>).</summary>
    Task<EmployeeOutcome> SaveAsync(EmployeeSave save, CommandContext context, CancellationToken cancellationToken);

    /// <summary>Deactivates an employee and ends their sessions; an inactive one is left as it is.</summary>
    Task<EmployeeOutcome> DeactivateAsync(string employeeId, CommandContext context, CancellationToken cancellationToken);

    /// <summary>Starts a session of <paramref name="employee"/> on the device <paramref name="deviceId"/>.</summary>
    Task<StaffSessionStarted> StartSessionAsync(Employee employee, string deviceId, CancellationToken cancellationToken);

    /// <summary>Ends a session (the person signed out).</summary>
    Task EndSessionAsync(StaffSession session, CancellationToken cancellationToken);

    /// <summary>Clocks an employee in (<c>already-clocked-in</c> when they are) or out (<c>not-clocked-in</c> when they are not).</summary>
    Task<ShiftOutcome> ClockAsync(string employeeId, bool clockIn, CommandContext context, CancellationToken cancellationToken);

    /// <summary>Journals a refused PIN (never the PIN), sent by <paramref name="deviceId"/> and, on a staff session, <paramref name="requester"/>.</summary>
    Task RecordRefusalAsync(PinRefused refusal, string deviceId, string? requester, CancellationToken cancellationToken);
}

/// <summary>An employee to save: the PIN is null to keep the one they have.</summary>
public sealed record EmployeeSave(string EmployeeId, string Name, string Role, bool Active, string? Pin);

/// <summary>The employee as saved, or why not.</summary>
public sealed record EmployeeOutcome(Employee? Employee, CommandError? Error);

/// <summary>The shift as clocked, or why not.</summary>
public sealed record ShiftOutcome(ShiftView? Shift, CommandError? Error);
