using Pos.Contracts.Journal;

namespace Pos.Contracts.Permissions;

/// <summary>
/// A request or a queued command was refused for want of a permission, as stored in the journal, so headquarters sees
/// who tried what. Written by the event's device (the one refused), in the stream <c>permission-refusals-{deviceId}</c>.
/// Journaled refusals are limited per device: <c>NotJournaledBefore</c> counts the refusals of that device since its
/// previous journaled one that were answered 403 but not journaled (a flood cannot fill the journal).
/// </summary>
/// <param name="DeviceId">The device refused (also the event's deviceId).</param>
/// <param name="EmployeeId">The signed-in person, on a staff session; else null.</param>
/// <param name="Role">The role the request acted with.</param>
/// <param name="Permission">The permission that was missing (<see cref="PermissionNames"/>).</param>
/// <param name="Target">The route (<c>POST /api/v1/orders/{orderId}/fire</c>) or the batch command's type (<c>command void-line</c>).</param>
/// <param name="NeededApproval">True when a manager's approval would have allowed it (none was sent, or it was refused).</param>
/// <param name="NotJournaledBefore">Refusals of this device since its previous journaled one that were not journaled.</param>
public sealed record PermissionRefused(
    string DeviceId, string? EmployeeId, string Role, string Permission, string Target, bool NeededApproval, int NotJournaledBefore);

/// <summary>Stream names and JSON of the permission events.</summary>
public static class PermissionEvents
{
    public const string RefusalStreamPrefix = "permission-refusals-";

    private static readonly EventTypes<PermissionRefused> Types = new("a permission", typeof(PermissionRefused));

    public static string RefusalStreamOf(string deviceId) => RefusalStreamPrefix + deviceId;

    public static NewEvent ToNew(PermissionRefused e) => Types.ToNew(e);

    public static PermissionRefused FromJournal(string type, string data) => Types.FromJournal(type, data);
}
