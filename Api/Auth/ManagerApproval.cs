using Pos.Contracts.Problems;

namespace Pos.Api.Auth;

/// <summary>
/// A manager's approval of one act on the device that asks for it: the manager types their PIN on that device and it
/// travels with the command in the <c>Pos-Approval</c> header. The permission table marks the acts that need it
/// (voiding a fired line, large comps and discounts, refunds, reopening, tip changes, ...); the check lives here so
/// the table never knows how people and PINs are kept.
/// </summary>
public interface IManagerApproval
{
    /// <summary>The header a command's approval travels in: the approving manager's PIN.</summary>
    public const string Header = "Pos-Approval";

    /// <summary>
    /// Checks <paramref name="pin"/> given on <paramref name="deviceId"/> for <paramref name="permission"/>: the
    /// approving manager, or the refusal to answer (a wrong PIN, a locked-out PIN, a person who is not a manager).
    /// </summary>
    ValueTask<ApprovalOutcome> ApproveAsync(string deviceId, string pin, string permission, CancellationToken cancellationToken);
}

/// <summary>Who approved (an employee id), or why nobody did.</summary>
public sealed record ApprovalOutcome(string? ApprovedBy, CommandError? Refusal)
{
    public static ApprovalOutcome Approved(string employeeId) => new(employeeId, null);

    public static ApprovalOutcome Refused(CommandError refusal) => new(null, refusal);
}

/// <summary>Until the store keeps people and their PINs, no approval can be given: every act that needs one is refused.</summary>
public sealed class NoManagerApproval : IManagerApproval
{
    public ValueTask<ApprovalOutcome> ApproveAsync(string deviceId, string pin, string permission, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApprovalOutcome.Refused(new CommandError(ErrorCodes.Forbidden,
            $"'{permission}' needs a manager's approval, and this store has no managers with a PIN yet.")));
}
