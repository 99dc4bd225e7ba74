using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;

namespace Pos.Api.Commands;

/// <summary>Who sends a command: the request's user (its effective role) and the manager's approval its request carries, if any.</summary>
public sealed record CommandSender(ClaimsPrincipal User, ManagerApprovalFeature? Approval = null)
{
    public static CommandSender Of(HttpContext http) => new(http.User, http.Features.Get<ManagerApprovalFeature>());
}

/// <summary>
/// The policy point of the command pipeline: asked before every command runs, from a single route or from a
/// device's batch alike, with the sender and the command's name: the order commands (<c>open</c>, <c>add-line</c>,
/// <c>void-line</c>, <c>fire</c>, <c>add-payment</c>, <c>close</c>) and <c>replace-menu</c>,
/// <c>configure-printer</c>, <c>reprint</c>. A refusal is answered as a 403 problem and nothing runs.
/// </summary>
public interface ICommandPolicy
{
    /// <summary>Null when <paramref name="sender"/> may send <paramref name="command"/>; else the refusal (journaled).</summary>
    ValueTask<PermissionRefusal?> AuthorizeAsync(CommandSender sender, string command);

    /// <summary>
    /// Whether the sender may void a line already fired: what the order is told with a void, as only the order knows
    /// whether the line has fired by the time the void is applied.
    /// </summary>
    bool MayVoidFiredLines(CommandSender sender);

    /// <summary>Journals a refusal the grain decided (a void of a line fired meanwhile): <paramref name="permission"/> was missing.</summary>
    Task RecordRefusalAsync(CommandSender sender, string permission, string command);
}

/// <summary>The permission table (<see cref="Permissions"/>) as the command pipeline's policy.</summary>
public sealed class PermissionTablePolicy(PermissionGate gate) : ICommandPolicy
{
    public ValueTask<PermissionRefusal?> AuthorizeAsync(CommandSender sender, string command) =>
        gate.CheckCommandAsync(sender.User, Permissions.OfCommand(command), PermissionGate.TargetOfCommand(command), sender.Approval);

    public bool MayVoidFiredLines(CommandSender sender)
    {
        var permission = Contracts.Permissions.PermissionNames.LinesVoidFired;
        return Permissions.VerdictOf(sender.User.Role(), permission) switch
        {
            Verdict.Allowed => true,
            Verdict.NeedsApproval => sender.Approval?.Permission == permission,
            _ => false,
        };
    }

    public Task RecordRefusalAsync(CommandSender sender, string permission, string command) =>
        gate.RecordAsync(sender.User, permission, PermissionGate.TargetOfCommand(command));
}

/// <summary>How a single route asks the policy point before it calls a grain.</summary>
public static class CommandPolicyCheck
{
    /// <summary>The 403 problem when the sender of <paramref name="http"/> may not send <paramref name="command"/>; else null.</summary>
    public static async ValueTask<ProblemHttpResult?> RefusalAsync(HttpContext http, string command) =>
        await http.RequestServices.GetRequiredService<ICommandPolicy>().AuthorizeAsync(CommandSender.Of(http), command) is { } refused
            ? refused.Problem()
            : null;
}
