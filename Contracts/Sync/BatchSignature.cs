using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pos.Contracts.Sync;

/// <summary>
/// The X-Pos-Signature header of a journal batch: "t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;"
/// keyed with the store's secret as bytes: the base64-decoded secret the cloud issued (not its text). Valid for five
/// minutes either side of the cloud's clock.
/// </summary>
/// <remarks>
/// The cloud checks it in two steps, so nothing of an unauthenticated body is read before the cheap checks pass:
/// <see cref="Parse"/> (present, well formed, fresh) before the body, then the MAC computed while the body is read
/// (<see cref="Start"/>, <see cref="Matches"/>).
/// </remarks>
public static class BatchSignature
{
    public const string Header = "X-Pos-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for a body signed at <paramref name="at"/>.</summary>
    public static string Sign(byte[] secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var mac = Start(secret, t);
        mac.AppendData(body);
        return $"t={t},v1={Convert.ToHexStringLower(mac.GetHashAndReset())}";
    }

    /// <summary>Null when the header is right for this body and fresh; otherwise why not.</summary>
    public static string? Verify(string? header, byte[] secret, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        if (Parse(header, now, out var signature) is { } refusal)
        {
            return refusal;
        }
        using var mac = Start(secret, signature.Timestamp);
        mac.AppendData(body);
        return Matches(signature, mac.GetHashAndReset()) ? null : Mismatch;
    }

    /// <summary>What a signature that does not match says.</summary>
    public const string Mismatch = "The signature does not match the body and the store's secret.";

    /// <summary>
    /// Null when the header is present, well formed (t=&lt;unix seconds&gt;,v1=&lt;64 hex digits&gt;) and within five
    /// minutes of <paramref name="now"/>, with its parts in <paramref name="signature"/>; otherwise why not.
    /// </summary>
    public static string? Parse(string? header, DateTimeOffset now, out Signature signature)
    {
        signature = default;
        if (string.IsNullOrEmpty(header))
        {
            return $"The {Header} header is missing.";
        }
        string? t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                v1 = part[3..];
            }
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"The {Header} header must be t=<unix seconds>,v1=<hex HMAC-SHA256>.";
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        if ((now - signedAt).Duration() > Tolerance)
        {
            return $"The signature was made at {signedAt:u}, more than five minutes from the cloud's clock ({now:u}); sign with the cloud's time.";
        }
        if (v1.Length != SHA256.HashSizeInBytes * 2 || !v1.All(char.IsAsciiHexDigit))
        {
            return $"The v1 signature must be {SHA256.HashSizeInBytes * 2} hex digits (an HMAC-SHA256).";
        }
        signature = new Signature(t, Convert.FromHexString(v1));
        return null;
    }

    /// <summary>An HMAC keyed with the store's secret that has taken "&lt;t&gt;."; the body goes in as it arrives.</summary>
    public static IncrementalHash Start(byte[] secret, string timestamp)
    {
        var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        mac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        return mac;
    }

    /// <summary>Whether the MAC computed over the body is the one the header carries (compared in fixed time).</summary>
    public static bool Matches(Signature signature, ReadOnlySpan<byte> computed) =>
        CryptographicOperations.FixedTimeEquals(signature.Mac, computed);

    /// <summary>The parts of a well-formed header: the timestamp as sent, and the MAC.</summary>
    public readonly record struct Signature(string Timestamp, byte[] Mac);
}
