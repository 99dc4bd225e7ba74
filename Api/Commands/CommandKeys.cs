namespace Pos.Api.Commands;

/// <summary>
/// The keys a command's answer is kept under. Keys belong to the device (or the admin) that sent them, so two devices
/// may use the same key without meeting; a request's Idempotency-Key and a device's command id never meet either.
/// Device ids hold no ':'.
/// </summary>
public static class CommandKeys
{
    /// <summary>What every kept Idempotency-Key starts with.</summary>
    public const string RequestPrefix = "key:";

    /// <summary>What every kept device command id starts with.</summary>
    public const string CommandIdPrefix = "cmd:";

    /// <summary>The key a request's Idempotency-Key is kept under.</summary>
    public static string OfRequest(string deviceId, string idempotencyKey) => $"{RequestPrefix}{deviceId}:{idempotencyKey}";

    /// <summary>The key a device's queued command is kept under: one per (deviceId, commandId).</summary>
    public static string OfCommand(string deviceId, string commandId) => $"{CommandIdPrefix}{deviceId}:{commandId}";
}
