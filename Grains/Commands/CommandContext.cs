namespace Pos.Grains.Commands;

/// <summary>Who sent a command and how it must be applied.</summary>
/// <param name="DeviceId">The device that caused the change; recorded on every event.</param>
/// <param name="Idempotency">When the request carried an Idempotency-Key: the record to store with the events.</param>
/// <param name="ExpectedVersion">When the request carried If-Match: the version the order must still be at.</param>
/// <param name="IssuedAt">When the device says it issued the command (its own clock, e.g. a command queued offline); recorded
/// on the events next to the store's time, which alone decides business dates and order.</param>
[GenerateSerializer, Immutable, Alias("pos.command-context")]
public sealed record CommandContext(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] IdempotencyRequest? Idempotency = null,
    [property: Id(2)] int? ExpectedVersion = null,
    [property: Id(3)] DateTimeOffset? IssuedAt = null);

/// <summary>An Idempotency-Key with the fingerprint of its request and the status a success answers with.</summary>
[GenerateSerializer, Immutable, Alias("pos.idempotency-request")]
public sealed record IdempotencyRequest(
    [property: Id(0)] string Key,
    [property: Id(1)] byte[] RequestHash,
    [property: Id(2)] int SuccessStatus);
