using Pos.Contracts.Devices;

namespace Pos.Api.Devices;

/// <summary>A pairing code to keep: only the hash of its digits, with what it pairs and until when.</summary>
public sealed record NewPairingCode(Guid CodeId, byte[] CodeHash, string Role, string? Name, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// A phone's claim on a code (by the hash of its digits): the device to make if the code is good at <c>At</c>, named
/// <c>Name</c> unless the code carries a name. <c>Resend</c> is there when the phone keyed its request.
/// </summary>
public sealed record PairingClaim(byte[] CodeHash, string DeviceId, string Name, byte[] TokenHash, DateTimeOffset At)
{
    public PairingResendKey? Resend { get; init; }
}

/// <summary>
/// What lets a keyed pairing's resend be answered the first 201 again (<see cref="PairingResends"/>): the hash of the
/// phone's key, the request's fingerprint (code and name), and the device's token sealed under the code and the key,
/// which only the phone holds. Kept with the code it used.
/// </summary>
public sealed record PairingResendKey(byte[] KeyHash, byte[] Fingerprint, byte[] SealedToken);

/// <summary>What became of a claim.</summary>
public enum PairingVerdict
{
    /// <summary>The code was used now and made <see cref="PairingOutcome.Device"/>.</summary>
    Paired,

    /// <summary>The code was used before by this very request (same code, same key, same name): its device again.</summary>
    Repeat,

    /// <summary>The code was used with this key by a request with another name: nothing changed.</summary>
    KeyReused,

    /// <summary>No code has this hash, or it is used (by another key) or expired: nothing changed.</summary>
    Invalid,
}

/// <summary>
/// A claim's outcome; for <see cref="PairingVerdict.Repeat"/> the token kept sealed by the first request and the hash
/// the device's token has, so the route can open the seal and check what it found.
/// </summary>
public sealed record PairingOutcome(PairingVerdict Verdict, DeviceView? Device = null, byte[]? SealedToken = null, byte[]? TokenHash = null)
{
    public static readonly PairingOutcome Invalid = new(PairingVerdict.Invalid);
}

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
    /// Uses the code once, atomically, and makes its device; of two claims on one code, one wins. A keyed claim on a code
    /// its own key used answers that device again, finishing its journal write if the first claim could not. The
    /// device's token is recognised once this returns <see cref="PairingVerdict.Paired"/> or <see cref="PairingVerdict.Repeat"/>.
    /// A journal whose outcome is unknown throws <c>JournalUnavailableException</c> and leaves the device pending: a
    /// resend with the key, or the next start, settles it by what the journal holds.
    /// </summary>
    Task<PairingOutcome> PairAsync(PairingClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a device by <paramref name="by"/>: the revocation is journaled first, then its token is refused, from the
    /// moment this returns, restarts included. When the journal fails, the token still works (the journal does not
    /// say it was revoked), unless the journal shows the revocation after all.
    /// </summary>
    Task<Revocation> RevokeAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken);
}
