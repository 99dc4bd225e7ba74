namespace Pos.Contracts.Devices;

/// <summary>
/// A device as something it did names it (the device that opened an order): its id, as every journal event of its
/// commands records it, and its name as registered or paired (e.g. "Ana's phone"). The name is null when the
/// appliance has no device of that id: the admin credential (<c>admin</c>), or a device it does not know.
/// </summary>
public sealed record DeviceRef(string DeviceId, string? Name)
{
    /// <summary>The person signed in on the device when it did so (a staff session), else null.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>That person's name as the store knows them, else null.</summary>
    public string? EmployeeName { get; init; }
}
