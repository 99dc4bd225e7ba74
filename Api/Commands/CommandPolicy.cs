using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Contracts.Problems;

namespace Pos.Api.Commands;

/// <summary>
/// The policy point of the command pipeline: asked before every command runs, from a single route or from a
/// device's batch alike, with the sender and the command's name: the order commands (<c>open</c>, <c>add-line</c>,
/// <c>void-line</c>, <c>fire</c>, <c>add-payment</c>, <c>close</c>) and <c>replace-menu</c>,
/// <c>configure-printer</c>, <c>reprint</c>. A refusal is answered as a 403 problem and nothing runs.
/// </summary>
public interface ICommandPolicy
{
    /// <summary>Null when <paramref name="deviceId"/> may send <paramref name="command"/>; else why not.</summary>
    CommandError? Authorize(string deviceId, string command);
}

/// <summary>
/// Today's rule: every authenticated device may send every command (device registration, the one act kept for the
/// admin, is refused at its route). Roles and people refine this table.
/// </summary>
public sealed class EveryDeviceSendsEveryCommand : ICommandPolicy
{
    public CommandError? Authorize(string deviceId, string command) => null;
}

/// <summary>How a single route asks the policy point before it calls a grain.</summary>
public static class CommandPolicyCheck
{
    /// <summary>The 403 problem when the sender of <paramref name="http"/> may not send <paramref name="command"/>; else null.</summary>
    public static ProblemHttpResult? Refusal(HttpContext http, string command) =>
        http.RequestServices.GetRequiredService<ICommandPolicy>().Authorize(http.User.DeviceId(), command) is { } refused
            ? Problems.Problems.Of(refused)
            : null;
}
