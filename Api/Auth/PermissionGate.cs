using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;

namespace Pos.Api.Auth;

/// <summary>
/// A manager's approval given to this request (the <c>Pos-Approval</c> PIN checked by <see cref="IManagerApproval"/>):
/// which permission it was for and who approved. Set on <c>HttpContext.Features</c>, so whatever records the request's
/// events can record the approving manager beside the device and the employee.
/// </summary>
public sealed record ManagerApprovalFeature(string Permission, string ApprovedBy);

/// <summary>
/// A refusal for want of <paramref name="Permission"/>: the error to answer, 403 <c>permission-denied</c> with the
/// permission as its <c>Field</c> (answered as the problem member <c>permission</c>), or the approval's own refusal.
/// </summary>
public sealed record PermissionRefusal(string Permission, CommandError Error)
{
    /// <summary>The problem member naming the missing permission.</summary>
    public const string PermissionMember = "permission";

    public ProblemHttpResult Problem() => Error.Code == ErrorCodes.PermissionDenied
        ? Problems.Problems.Of(Error)
        : Problems.Problems.Of(Error.Code, Error.Detail, new Dictionary<string, object?> { [PermissionMember] = Permission });
}

/// <summary>
/// Decides a request or a queued command against the permission table (<see cref="Permissions"/>), asks a manager's
/// approval where the table says so and the request carries one, and journals every refusal
/// (<see cref="PermissionRefusalLog"/>). Routes reach it through their authorization policy
/// (<see cref="PermissionAuthorization"/>), a device's batch through <c>ICommandPolicy</c>.
/// </summary>
public sealed class PermissionGate(IManagerApproval approvals, PermissionRefusalLog refusals)
{
    /// <summary>
    /// Null when the request may go on: its role is allowed, or it needs approval and a manager gave it (then
    /// <see cref="ManagerApprovalFeature"/> is set on the request). Else the refusal, already journaled.
    /// </summary>
    public async ValueTask<PermissionRefusal?> CheckRequestAsync(HttpContext http, string permission, string target)
    {
        var user = http.User;
        var verdict = Permissions.VerdictOf(user.Role(), permission);
        if (verdict == Verdict.Allowed)
        {
            return null;
        }
        if (http.Features.Get<ManagerApprovalFeature>() is { } given && given.Permission == permission)
        {
            return null;
        }
        CommandError? approvalRefused = null;
        if (verdict == Verdict.NeedsApproval && http.Request.Headers[IManagerApproval.Header].ToString() is { Length: > 0 } pin)
        {
            var outcome = await approvals.ApproveAsync(user.DeviceId(), pin, permission, http.RequestAborted);
            if (outcome.ApprovedBy is { } manager)
            {
                http.Features.Set(new ManagerApprovalFeature(permission, manager));
                return null;
            }
            approvalRefused = outcome.Refusal;
        }
        return await RefuseAsync(user, permission, target, verdict, approvalRefused);
    }

    /// <summary>
    /// Null when a queued command (a device's batch: no approval travels with it) or a single route's command (with
    /// the approval its request was given, if any) may run; else the refusal, already journaled.
    /// </summary>
    public async ValueTask<PermissionRefusal?> CheckCommandAsync(ClaimsPrincipal user, string permission, string target, ManagerApprovalFeature? approval)
    {
        var verdict = Permissions.VerdictOf(user.Role(), permission);
        return verdict == Verdict.Allowed || (verdict == Verdict.NeedsApproval && approval?.Permission == permission)
            ? null
            : await RefuseAsync(user, permission, target, verdict, null);
    }

    /// <summary>Journals a refusal decided elsewhere (an order refusing to void a fired line).</summary>
    public Task RecordAsync(ClaimsPrincipal user, string permission, string target) =>
        refusals.RecordAsync(Entry(user, permission, target, Permissions.VerdictOf(user.Role(), permission)));

    private async ValueTask<PermissionRefusal> RefuseAsync(ClaimsPrincipal user, string permission, string target, Verdict verdict, CommandError? approvalRefused)
    {
        await refusals.RecordAsync(Entry(user, permission, target, verdict));
        var error = approvalRefused is { } refused
            ? refused.Code is ErrorCodes.Forbidden or ErrorCodes.PermissionDenied
                ? new CommandError(ErrorCodes.PermissionDenied, refused.Detail, permission)
                : refused with { Field = null }
            : new CommandError(ErrorCodes.PermissionDenied, Explain(user.Role(), permission, verdict), permission);
        return new PermissionRefusal(permission, error);
    }

    private static PermissionRefused Entry(ClaimsPrincipal user, string permission, string target, Verdict verdict) =>
        new(user.DeviceId(), user.EmployeeId(), user.Role(), permission, target, verdict == Verdict.NeedsApproval, 0);

    /// <summary>What a refused person reads: the permission, and who may do it.</summary>
    public static string Explain(string role, string permission, Verdict verdict)
    {
        var what = Permissions.All.FirstOrDefault(r => r.Name == permission)?.Covers ?? permission;
        return verdict == Verdict.NeedsApproval
            ? $"To {what} needs a manager (permission '{permission}'): a manager signs in on this device, or approves it with their PIN " +
              $"sent in the {IManagerApproval.Header} header on this request."
            : $"The {(role.Length == 0 ? "unknown" : role)} role may not {what} (permission '{permission}'); ask a manager.";
    }

    /// <summary>How a refusal names the route: the method and the route's pattern.</summary>
    public static string TargetOf(HttpContext http) =>
        $"{http.Request.Method} {Shown((http.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value)}";

    /// <summary>A route's pattern as people read it: from the root, without the slash a group's own route leaves at its end.</summary>
    public static string Shown(string? pattern) => "/" + (pattern ?? "").Trim('/');

    /// <summary>How a refusal names a device's queued command.</summary>
    public static string TargetOfCommand(string command) => $"command {command}";
}
