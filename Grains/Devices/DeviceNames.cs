using System.Collections.Concurrent;

namespace Pos.Grains.Devices;

/// <summary>
/// The name of every device the store has registered or paired, revoked ones too, in memory: an order names the
/// device that opened it (<see cref="OpenerOf"/>) without a call to the database. The appliance fills it from its
/// devices when the database starts and adds each device it registers or pairs. A device's name never changes and is
/// never taken away, so an order answered again (a repeat, a kept answer) names its opener as it did the first time.
/// </summary>
public sealed class DeviceNames
{
    private readonly ConcurrentDictionary<string, string> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _employees = new(StringComparer.Ordinal);

    /// <summary>The device's name, or null when the store has no device of that id (the admin, for one).</summary>
    public string? NameOf(string deviceId) => _byId.GetValueOrDefault(deviceId);

    /// <summary>A device registered or paired, or read at start: its name from now on.</summary>
    public void Know(string deviceId, string name) => _byId[deviceId] = name;

    /// <summary>An employee saved, or read at start: their name from now on (the latest one: a person may be renamed).</summary>
    public void KnowEmployee(string employeeId, string name) => _employees[employeeId] = name;

    /// <summary>The employee's name, or null when the store has nobody of that id.</summary>
    public string? EmployeeNameOf(string employeeId) => _employees.GetValueOrDefault(employeeId);

    /// <summary>
    /// The device (its id from the journal) as an order names the one that opened it, with the person signed in on it
    /// then (the employee id the journal records beside the device) when one was.
    /// </summary>
    public DeviceRef OpenerOf(string deviceId, string? employeeId = null) => new(deviceId, NameOf(deviceId))
    {
        EmployeeId = employeeId,
        EmployeeName = employeeId is null ? null : EmployeeNameOf(employeeId),
    };
}

/// <summary>A device as an order names it: its id and, when the store knows the device, its name.</summary>
[GenerateSerializer, Immutable, Alias("pos.device-ref")]
public sealed record DeviceRef(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string? Name)
{
    /// <summary>The person signed in on the device, when one was.</summary>
    [Id(2)] public string? EmployeeId { get; init; }

    /// <summary>That person's name as the store knows it now; null when unknown.</summary>
    [Id(3)] public string? EmployeeName { get; init; }
}
