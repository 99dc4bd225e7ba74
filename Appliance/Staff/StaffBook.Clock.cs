using Pos.Api.Staff;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Commands;

namespace Pos.Appliance.Staff;

/// <summary>Clocking in and out (<see cref="StaffBook"/>): one shift open at a time per person.</summary>
public sealed partial class StaffBook
{
    /// <summary>How long a staff session lasts at most: a long shift.</summary>
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public Task<ShiftOutcome> ClockAsync(string employeeId, bool clockIn, CommandContext context, CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            var current = await ReadAsync(employeeId, cancellationToken);
            if (!current.Exists)
            {
                return new ShiftOutcome(null, new CommandError(ErrorCodes.EmployeeNotFound, $"No employee '{employeeId}'; GET /api/v1/employees lists them."));
            }
            var now = clock.Now();
            ShiftView shift;
            CommandError? refused;
            if (clockIn)
            {
                if (!current.Active)
                {
                    return new ShiftOutcome(null, new CommandError(ErrorCodes.EmployeeInactive, $"'{employeeId}' is deactivated; a manager saves them active again first."));
                }
                if (current.ClockedInAt is { } since)
                {
                    return new ShiftOutcome(null, new CommandError(ErrorCodes.AlreadyClockedIn, $"'{employeeId}' has been clocked in since {since:u}."));
                }
                var e = new ClockedIn(employeeId, current.Name!, Guid.CreateVersion7(), now);
                shift = new ShiftView(employeeId, e.ShiftId, now, null, null);
                refused = await AppendAsync(current, e, now, clock.BusinessDateOf(now), context, shift, cancellationToken);
            }
            else
            {
                if (current.OpenShift is not { } shiftId || current.ClockedInAt is not { } inAt)
                {
                    return new ShiftOutcome(null, new CommandError(ErrorCodes.NotClockedIn, $"'{employeeId}' is not clocked in."));
                }
                var e = new ClockedOut(employeeId, current.Name!, shiftId, inAt, now);
                shift = new ShiftView(employeeId, shiftId, inAt, now, (long)Math.Floor((now - inAt).TotalMinutes));
                // The shift counts for the date it began on; once that date is sealed (its report final), for today's.
                refused = await AppendAsync(current, e, now, clock.BusinessDateOf(inAt), context, shift, cancellationToken);
                if (refused?.Code == ErrorCodes.BusinessDaySealed)
                {
                    refused = await AppendAsync(current, e, now, clock.BusinessDateOf(now), context, shift, cancellationToken);
                }
            }
            if (refused is not null)
            {
                return new ShiftOutcome(null, refused);
            }
            await InForceAsync(await ReadAsync(employeeId, cancellationToken), cancellationToken);
            return new ShiftOutcome(shift, null);
        }, cancellationToken);
}
