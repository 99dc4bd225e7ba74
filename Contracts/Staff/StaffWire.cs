using System.ComponentModel.DataAnnotations;

namespace Pos.Contracts.Staff;

/// <summary>
/// Saves an employee (PUT /api/v1/employees/{employeeId}, a manager or the admin): creates them, or changes their name,
/// role or PIN. <c>pin</c> is 4 to 8 digits, required for a new employee and left out to keep the PIN as it is; two
/// active employees never share a PIN (a person signs in by PIN alone). <c>active</c> false deactivates them (as
/// DELETE does): their sessions end and their PIN signs nobody in; saving them active again brings them back.
/// </summary>
public sealed record SaveEmployeeRequest(
    [property: Required] string? Name,
    [property: Required, AllowedValues("server", "bartender", "manager", "kitchen")] string? Role,
    [property: StringLength(8, MinimumLength = 4)] string? Pin = null,
    bool? Active = null);

/// <summary>An employee as the store keeps them, never with their PIN. <c>clockedInAt</c> is set while they are clocked in.</summary>
public sealed record EmployeeView(
    string EmployeeId, string Name, string Role, bool Active, DateTimeOffset UpdatedAt, DateTimeOffset? ClockedInAt);

/// <summary>Every employee of the store, active or not, by employeeId (a store has tens of them).</summary>
public sealed record EmployeeList(IReadOnlyList<EmployeeView> Employees);

/// <summary>A person signs in on this device (POST /api/v1/staff-sessions, with the device's token): their PIN alone.</summary>
public sealed record StartStaffSessionRequest([property: Required] string? Pin);

/// <summary>
/// A staff session just started: send <c>sessionToken</c> as <c>Authorization: Bearer &lt;sessionToken&gt;</c> in place
/// of the device's token until <c>expiresAt</c> or sign-out. It acts as the device with the person's role. Shown this
/// once: the appliance keeps only its hash. <c>clockedInAt</c> is set when the person is clocked in, so the device
/// shows their shift (only a manager may list the employees).
/// </summary>
public sealed record StaffSessionStarted(
    string SessionToken, string EmployeeId, string Name, string Role, DateTimeOffset ExpiresAt, DateTimeOffset? ClockedInAt = null);

/// <summary>
/// A clock-in or clock-out (POST /api/v1/employees/{employeeId}/clock-in or /clock-out): the shift, when it began and,
/// once over, when it ended and how many whole minutes it lasted.
/// </summary>
public sealed record ShiftView(
    string EmployeeId, Guid ShiftId, DateTimeOffset ClockedInAt, DateTimeOffset? ClockedOutAt, long? MinutesWorked);

/// <summary>The roles a person may have, and how PINs are written.</summary>
public static class StaffRules
{
    public const string Server = "server";
    public const string Bartender = "bartender";
    public const string Manager = "manager";
    public const string Kitchen = "kitchen";

    public static IReadOnlyList<string> Roles { get; } = [Server, Bartender, Manager, Kitchen];

    public const int MinPinDigits = 4;
    public const int MaxPinDigits = 8;
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;

    /// <summary>Whether <paramref name="pin"/> is 4 to 8 ASCII digits.</summary>
    public static bool IsPin(string? pin) =>
        pin is { Length: >= MinPinDigits and <= MaxPinDigits } && pin.All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="employeeId"/> is 1 to 64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsId(string? employeeId) =>
        employeeId is { Length: >= 1 and <= MaxIdLength } && employeeId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
