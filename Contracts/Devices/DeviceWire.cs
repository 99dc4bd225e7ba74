using System.ComponentModel.DataAnnotations;

namespace Pos.Contracts.Devices;

/// <summary>Registers a device. <c>role</c> is one of server, bartender, manager, kitchen, integration.</summary>
public sealed record RegisterDeviceRequest(
    [property: Required] string? DeviceId,
    [property: Required] string? Name,
    [property: Required, AllowedValues("server", "bartender", "manager", "kitchen", "integration")] string? Role);

/// <summary>A device just registered and its bearer token. The token is shown this once; the appliance keeps only its hash.</summary>
public sealed record DeviceRegistered(string DeviceId, string Token);

/// <summary>A registered device, without its token; <c>revokedAt</c> is set once it is revoked (its token is refused).</summary>
public sealed record DeviceView(string DeviceId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);

/// <summary>
/// A page of the registered devices, by deviceId. When <c>hasMore</c> is true, <c>nextCursor</c> (opaque) gives the
/// next page: send it back as <c>cursor</c>; it is null on the last page.
/// </summary>
public sealed record DeviceList(IReadOnlyList<DeviceView> Devices, string? NextCursor = null, bool HasMore = false);

/// <summary>
/// The new admin token, shown this once (the appliance keeps it in its data folder), and until when the token it
/// replaced is still taken.
/// </summary>
public sealed record AdminTokenRotation(
    [property: Required] string Token,
    [property: Required] DateTimeOffset PreviousValidUntil);
