using Microsoft.AspNetCore.Http;
using Pos.Api.Idempotency;
using Pos.Grains.Commands;

namespace Pos.Api.Auth;

/// <summary>
/// The people behind a command, recorded on each of its events beside the device: the person signed in on the device
/// (a staff session, <see cref="ClaimsPrincipalExtensions.EmployeeId"/>) and the manager who approved it. Whoever checks
/// an approval (the permission table, with <see cref="IManagerApproval"/>) leaves the approving manager's employee id
/// on the request with <see cref="SetApprovedBy"/>; every command route reads it here.
/// </summary>
public static class CommandPeople
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the approving manager's employee id (a string).</summary>
    public const string ApprovedByItem = "pos:approved-by";

    /// <summary>Records that <paramref name="employeeId"/>, a manager, approved this request's command.</summary>
    public static void SetApprovedBy(this HttpContext http, string employeeId) => http.Items[ApprovedByItem] = employeeId;

    /// <summary>The manager who approved this request's command, when one did.</summary>
    public static string? ApprovedBy(this HttpContext http) => http.Items.TryGetValue(ApprovedByItem, out var by) ? by as string : null;

    /// <summary>
    /// The context of a command sent on a single route: the sender's device, the person signed in on it, the approving
    /// manager, the request's Idempotency-Key and its If-Match.
    /// </summary>
    public static CommandContext CommandContextOf(this HttpContext http, int? expectedVersion = null) => new(
        http.User.DeviceId(), http.Features.Get<IdempotencyFeature>()?.Key, expectedVersion,
        EmployeeId: http.User.EmployeeId(), ApprovedBy: http.ApprovedBy());
}
