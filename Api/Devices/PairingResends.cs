using System.Security.Cryptography;
using System.Text;

namespace Pos.Api.Devices;

/// <summary>
/// A keyed pairing (<c>Idempotency-Key</c> on <c>POST /api/v1/pairing</c>) whose answer was lost is answered again:
/// same device, same token. The appliance keeps no token, only hashes, so the first request's token is kept sealed:
/// XORed with a pad derived (HKDF-SHA256) from the code's digits and the key, which the phone sends again and the
/// appliance never keeps. A pad serves one token only (a code is used once), and the device's token hash checks what
/// a seal opens to. The key is kept as a hash, with a fingerprint of the request (code and name) to tell a resend
/// from another request under the same key.
/// </summary>
public static class PairingResends
{
    /// <summary>How long after a code's 10 minutes a resend is still answered; the seal is erased after that.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("pos pairing resend v1");

    /// <summary>What a resend must match: the hash of the key, bound to the code.</summary>
    public static byte[] KeyHash(string digits, string key) => SHA256.HashData(Encoding.UTF8.GetBytes($"key\n{digits}\n{key}"));

    /// <summary>The request a key was sent with: its code and the name asked for.</summary>
    public static byte[] Fingerprint(string digits, string? name) => SHA256.HashData(Encoding.UTF8.GetBytes($"pair\n{digits}\n{name ?? ""}"));

    /// <summary>Seals a token's secret under the code and the key; the same call opens it.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> secret, string digits, string key)
    {
        var pad = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes($"{digits}\n{key}"), secret.Length, Salt, "token"u8.ToArray());
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] ^= secret[i];
        }
        return pad;
    }
}
