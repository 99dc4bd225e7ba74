namespace Pos.Grains.Commands;

/// <summary>
/// The device ids the store itself writes in the journal. No registered device may take one (in any case), so an
/// event from <c>cloud</c> is always the cloud's menu, never a till that chose the name.
/// </summary>
public static class DeviceIds
{
    /// <summary>The admin credential.</summary>
    public const string Admin = "admin";

    /// <summary>Changes pulled from headquarters (a published menu).</summary>
    public const string Cloud = "cloud";

    /// <summary>Kept for what the appliance does on its own.</summary>
    public const string System = "system";

    public static IReadOnlyList<string> Reserved { get; } = [Admin, Cloud, System];

    public static bool IsReserved(string deviceId) => Reserved.Contains(deviceId, StringComparer.OrdinalIgnoreCase);
}
