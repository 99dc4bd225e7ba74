using Pos.Api.Auth;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;

namespace Pos.Api.Staff;

/// <summary>
/// A manager's approval given on the device that asks for it (<see cref="IManagerApproval"/>): the PIN must be an
/// active manager's who is not locked out. Wrong PINs count like a sign-in's (<see cref="PinCheck"/>); a PIN of someone
/// who is not a manager counts against the device and that person, and is journaled as refused.
/// </summary>
public sealed class PinApproval(PinCheck pins) : IManagerApproval
{
    public async ValueTask<ApprovalOutcome> ApproveAsync(string deviceId, string pin, string permission, CancellationToken cancellationToken)
    {
        var verdict = await pins.CheckAsync(deviceId, requester: null, pin, StaffEvents.Approval, cancellationToken);
        if (verdict.Employee is not { } employee)
        {
            return ApprovalOutcome.Refused(verdict.Refusal!);
        }
        if (employee.Role != StaffRules.Manager)
        {
            var refused = await pins.RefuseAsync(deviceId, null, employee, StaffEvents.Approval, "not-a-manager",
                new CommandError(ErrorCodes.ApproverNotManager, $"'{permission}' needs a manager's approval, and that PIN is not a manager's."),
                cancellationToken);
            return ApprovalOutcome.Refused(refused.Refusal!);
        }
        return ApprovalOutcome.Approved(employee.EmployeeId);
    }
}
