using Microsoft.AspNetCore.Http;
using Pos.Api.Idempotency;
using Pos.Grains.Commands;

namespace Pos.Api.Auth;

/// <summary>
/// The people behind a command, recorded on each of its events beside the device: the person signed in on the device
/// (a staff session, <see cref="ClaimsPrincipalExtensions.EmployeeId"/>) and the manager who approved it. Whoever checks
/// an approval (the permission gate, with <see cref="IManagerApproval"/>) leaves the approving manager on the request
/// as a <see cref="ManagerApprovalFeature"/>; every command route reads it here.
/// </summary>
public static class CommandPeople
{
    /// <summary>The manager who approved this request's command, when one did.</summary>
    public static string? ApprovedBy(this HttpContext http) => http.Features.Get<ManagerApprovalFeature>()?.ApprovedBy;

    /// <summary>
    /// The context of a command sent on a single route: the sender's device, the person signed in on it, the approving
    /// manager, the request's Idempotency-Key and its If-Match.
    /// </summary>
    public static CommandContext CommandContextOf(this HttpContext http, int? expectedVersion = null) => new(
        http.User.DeviceId(), http.Features.Get<IdempotencyFeature>()?.Key, expectedVersion,
        EmployeeId: http.User.EmployeeId(), ApprovedBy: http.ApprovedBy());
}
