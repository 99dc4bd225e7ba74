using Pos.Contracts.Devices;

namespace Pos.Api.Devices;

/// <summary>A pairing code to keep: only the hash of its digits, with what it pairs and until when.</summary>
public sealed record NewPairingCode(Guid CodeId, byte[] CodeHash, string Role, string? Name, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// A phone's claim on a code (by the hash of its digits): the device to make if the code is good at <c>At</c>, named
/// <c>Name</c> unless the code carries a name.
/// </summary>
public sealed record PairingClaim(byte[] CodeHash, string DeviceId, string Name, byte[] TokenHash, DateTimeOffset At);

/// <summary>What became of a revocation.</summary>
public enum Revocation
{
    /// <summary>The device was revoked now.</summary>
    Revoked,

    /// <summary>It was revoked before (by another manager, or a request repeated): nothing changed.</summary>
    AlreadyRevoked,

    /// <summary>No device has this id.</summary>
    Unknown,
}

/// <summary>
/// Pairing codes and revocation, kept with the devices (<see cref="IDeviceRegistry"/>) and journaled: each change is
/// written to the journal (<see cref="DeviceEvents"/>) before it is answered.
/// </summary>
public interface IDevicePairing
{
    /// <summary>Keeps a new code's hash and journals it (never the code).</summary>
    Task CreateCodeAsync(NewPairingCode code, CancellationToken cancellationToken);

    /// <summary>
    /// Uses the code once, atomically, and makes its device: null (and nothing changed) when no code has this hash, or it
    /// is used or expired; of two claims on one code, one wins. The device's token is recognised once this returns.
    /// </summary>
    Task<DeviceView?> PairAsync(PairingClaim claim, CancellationToken cancellationToken);

    /// <summary>Revokes a device by <paramref name="by"/>: its token is refused from the moment this returns, restarts included.</summary>
    Task<Revocation> RevokeAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken);
}
