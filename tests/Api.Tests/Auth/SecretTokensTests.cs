using System.Security.Cryptography;
using System.Text;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Api.Staff;

namespace Pos.Api.Tests.Auth;

/// <summary>Device and staff session tokens: one encoding (base64url, no padding) behind a prefix, and only their SHA-256 kept.</summary>
public sealed class SecretTokensTests
{
    [Fact]
    public void A_token_is_its_prefix_then_its_bytes_in_base64url_as_tokens_given_out_before_were()
    {
        for (var i = 0; i < 500; i++)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            // The form every token given out so far has: a phone's stored token keeps working.
            var before = "pos_" + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal(before, SecretTokens.Of("pos_", secret));
        }
        Assert.Equal("pos_-_8", SecretTokens.Of("pos_", [0xfb, 0xff]));
    }

    [Fact]
    public void New_tokens_are_43_url_safe_characters_after_their_prefix_and_each_its_own()
    {
        var device = SecretTokens.New("pos_");
        var session = StaffSessionDirectory.NewToken();
        Assert.StartsWith("pos_", device, StringComparison.Ordinal);
        Assert.StartsWith(StaffSessionDirectory.TokenPrefix, session, StringComparison.Ordinal);
        Assert.Equal(43, device.Length - "pos_".Length);
        Assert.Equal(43, session.Length - StaffSessionDirectory.TokenPrefix.Length);
        Assert.All(new[] { device, session }, t => Assert.True(t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), t));
        Assert.NotEqual(device, SecretTokens.New("pos_"));
    }

    [Fact]
    public void What_is_kept_of_a_token_is_the_sha256_of_its_text()
    {
        const string token = "pos_staff_abc";
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SecretTokens.HashOf(token));
        Assert.Equal(SecretTokens.HashOf(token), StaffSessionDirectory.HashOf(token));
        Assert.Equal(SecretTokens.HashOf(token), DevicesApi.HashOf(token));
    }
}
