using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pos.Cloud.Stores;

/// <summary>
/// The X-Pos-Signature header of a journal batch: "t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;"
/// keyed with the store's secret. Valid for five minutes either side of the cloud's clock.
/// </summary>
public static class BatchSignature
{
    public const string Header = "X-Pos-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for a body signed at <paramref name="at"/>.</summary>
    public static string Sign(byte[] secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>Null when the header is right for this body and fresh; otherwise why not.</summary>
    public static string? Verify(string? header, byte[] secret, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
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
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return "The v1 signature is not hex.";
        }
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, t, body)) ? null : "The signature does not match the body and the store's secret.";
    }

    private static byte[] Mac(byte[] secret, string t, ReadOnlySpan<byte> body)
    {
        // "<t>." then the body as it is, without copying it into one message.
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        mac.AppendData(Encoding.ASCII.GetBytes(t + "."));
        mac.AppendData(body);
        return mac.GetHashAndReset();
    }
}
