using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pos.Hosting.Secrets;

namespace Pos.Api.Auth;

/// <summary>
/// Where a new admin token is kept so a restart finds it (the host's job). Null <see cref="WhyNotKept"/> when this
/// appliance can keep one; else the sentence that tells the operator how to change it instead.
/// </summary>
public interface IAdminTokenKeeper
{
    string? WhyNotKept { get; }

    /// <summary>Keeps <paramref name="token"/> durably in place of the current one; completes once it is.</summary>
    Task KeepAsync(string token, CancellationToken cancellationToken);
}

/// <summary>An appliance that was given its admin token (a variable): the operator changes it there.</summary>
public sealed class AdminTokenNotKept : IAdminTokenKeeper
{
    public string? WhyNotKept =>
        "This appliance takes its admin token from POS_ADMIN_TOKEN: set the new token there and restart it (devices keep working meanwhile: they queue).";

    public Task KeepAsync(string token, CancellationToken cancellationToken) => throw new InvalidOperationException(WhyNotKept);
}

/// <summary>
/// The admin credential in force, and the one it replaced while that one's grace lasts, so scripts and integrations
/// holding the old token keep working while they are given the new one: a rotation has no downtime. Compared in
/// constant time (hashes of equal length, both always compared).
/// </summary>
public sealed class AdminTokens(IOptionsMonitor<DeviceAuthenticationOptions> options, IAdminTokenKeeper keeper, TimeProvider time)
{
    /// <summary>How long the replaced token is taken when the rotation does not say.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);

    /// <summary>The longest grace a rotation may give the replaced token.</summary>
    public static readonly TimeSpan LongestGrace = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _rotating = new(1, 1);
    private byte[]? _current;
    // Every token replaced and still within its own grace: a second rotation (a retry whose answer was lost) never cuts
    // the grace an earlier one promised.
    private List<(byte[] Hash, DateTimeOffset Until)> _replaced = [];

    /// <summary>Why the admin token cannot be rotated here, or null.</summary>
    public string? WhyNotRotatable => keeper.WhyNotKept;

    /// <summary>Whether <paramref name="presented"/> is the admin token, or the replaced one within its grace.</summary>
    public bool Matches(string presented)
    {
        byte[] current;
        List<(byte[] Hash, DateTimeOffset Until)> replaced;
        lock (_gate)
        {
            current = _current ??= Configured();
            replaced = _replaced;
        }
        if (current.Length == 0)
        {
            return false;
        }
        var hash = Hash(presented);
        var now = time.GetUtcNow();
        // Every candidate compared, whatever matched before it.
        var matched = CryptographicOperations.FixedTimeEquals(hash, current);
        foreach (var (old, until) in replaced)
        {
            matched |= CryptographicOperations.FixedTimeEquals(hash, old) & now < until;
        }
        return matched;
    }

    /// <summary>
    /// Makes a new admin token, keeps it (durably, before it is taken), and answers it; the current one is taken
    /// until the answer's time, then refused. One rotation at a time.
    /// </summary>
    public async Task<(string Token, DateTimeOffset PreviousValidUntil)> RotateAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (keeper.WhyNotKept is { } why)
        {
            throw new InvalidOperationException(why);
        }
        await _rotating.WaitAsync(cancellationToken);
        try
        {
            var token = KeptToken.Generate();
            await keeper.KeepAsync(token, cancellationToken);
            var until = time.GetUtcNow() + grace;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                _replaced = [.. _replaced.Where(r => r.Until > now), (_current ??= Configured(), until)];
                _current = Hash(token);
            }
            return (token, until);
        }
        finally
        {
            _rotating.Release();
        }
    }

    private byte[] Configured() =>
        options.Get(DeviceAuthenticationHandler.SchemeName).AdminToken is { Length: > 0 } token ? Hash(token) : [];

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
