using Pos.Contracts.Journal;

namespace Pos.Contracts.Devices;

/// <summary>
/// A change to the devices allowed to call the appliance, as stored in the journal, so headquarters sees who paired
/// and revoked what. A device's events are in its stream <c>device-{deviceId}</c>, a pairing code's in
/// <c>pairing-code-{codeId}</c>. Never a code, a token or a hash of either: those stay in the appliance's tables.
/// </summary>
public abstract record DeviceEvent;

/// <summary>The admin registered a device (POST /api/v1/devices).</summary>
public sealed record DeviceAdded(string DeviceId, string Name, string Role) : DeviceEvent;

/// <summary>A manager (or the admin, <c>CreatedBy</c>) made a pairing code for a device of <c>Role</c>.</summary>
public sealed record PairingCodeCreated(Guid CodeId, string Role, string? Name, DateTimeOffset ExpiresAt, string CreatedBy) : DeviceEvent;

/// <summary>A pairing code was used: <c>DeviceId</c> is the device it made (written with that device's <see cref="DevicePaired"/>).</summary>
public sealed record PairingCodeUsed(Guid CodeId, string DeviceId) : DeviceEvent;

/// <summary>A phone paired itself with the code <c>CodeId</c>, made by <c>CodeCreatedBy</c>.</summary>
public sealed record DevicePaired(string DeviceId, string Name, string Role, Guid CodeId, string CodeCreatedBy) : DeviceEvent;

/// <summary>A device was revoked (its token is refused from then on) by the event's device, a manager or the admin.</summary>
public sealed record DeviceRevoked(string DeviceId, string Name, string Role) : DeviceEvent;

/// <summary>
/// The admin credential was replaced (POST /api/v1/admin-token/rotate); the one before it is taken until
/// <c>PreviousValidUntil</c>. Never either token. Each rotation has its stream <c>admin-token-{RotationId}</c>.
/// </summary>
public sealed record AdminTokenRotated(Guid RotationId, DateTimeOffset PreviousValidUntil) : DeviceEvent;

/// <summary>Stream names and JSON of the device events.</summary>
public static class DeviceEvents
{
    public const string DeviceStreamPrefix = "device-";
    public const string PairingCodeStreamPrefix = "pairing-code-";
    public const string AdminTokenStreamPrefix = "admin-token-";

    private static readonly EventTypes<DeviceEvent> Types = new(
        "a device", typeof(DeviceAdded), typeof(PairingCodeCreated), typeof(PairingCodeUsed), typeof(DevicePaired), typeof(DeviceRevoked),
        typeof(AdminTokenRotated));

    public static string StreamOf(string deviceId) => DeviceStreamPrefix + deviceId;

    public static string PairingCodeStreamOf(Guid codeId) => PairingCodeStreamPrefix + codeId.ToString("D");

    public static string AdminTokenStreamOf(Guid rotationId) => AdminTokenStreamPrefix + rotationId.ToString("D");

    public static bool IsDeviceEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(DeviceEvent e) => Types.ToNew(e);

    public static DeviceEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
