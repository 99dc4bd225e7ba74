namespace Pos.Grains.Commands;

/// <summary>Who sent a command and how it must be applied.</summary>
/// <param name="DeviceId">The device that caused the change; recorded on every event.</param>
/// <param name="Idempotency">When the command can be repeated under a key (an Idempotency-Key, a device's command id): the key
/// its answer is kept under, with the events.</param>
/// <param name="ExpectedVersion">When the request carried If-Match: the version the order must still be at.</param>
/// <param name="IssuedAt">When the device says it issued the command (its own clock, e.g. a command queued offline); recorded
/// on the events next to the store's time, which alone decides business dates and order.</param>
/// <param name="EmployeeId">The person signed in on the device (a staff session), when one is; recorded on every event
/// beside the device.</param>
/// <param name="ApprovedBy">The manager whose approval (their PIN on the device) the command carried, when it needed one;
/// recorded on every event.</param>
[GenerateSerializer, Immutable, Alias("pos.command-context")]
public sealed record CommandContext(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] RepeatKey? Idempotency = null,
    [property: Id(2)] int? ExpectedVersion = null,
    [property: Id(3)] DateTimeOffset? IssuedAt = null,
    [property: Id(4)] string? EmployeeId = null,
    [property: Id(5)] string? ApprovedBy = null);

/// <summary>The key a command's answer is kept under (already scoped to its sender) and the fingerprint of the command.</summary>
[GenerateSerializer, Immutable, Alias("pos.repeat-key")]
public sealed record RepeatKey(
    [property: Id(0)] string Key,
    [property: Id(1)] byte[] Fingerprint);
