using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Pos.Api.Auth;

/// <summary>
/// The bearer secrets the appliance gives out (a device's token, a staff session's): a prefix that says what the token
/// is, then random bytes in base64url without padding (safe in a header, a URL or a file). Only their SHA-256 is kept.
/// </summary>
public static class SecretTokens
{
    /// <summary>How many random bytes a token carries unless said otherwise.</summary>
    public const int DefaultSecretLength = 32;

    /// <summary>A new token: <paramref name="length"/> random bytes after <paramref name="prefix"/>.</summary>
    public static string New(string prefix, int length = DefaultSecretLength) => Of(prefix, RandomNumberGenerator.GetBytes(length));

    /// <summary>The token as sent, for these random bytes.</summary>
    public static string Of(string prefix, ReadOnlySpan<byte> secret) => prefix + Base64Url.EncodeToString(secret);

    /// <summary>What is kept of a token: the SHA-256 of its text.</summary>
    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
