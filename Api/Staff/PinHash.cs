using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Pos.Api.Staff;

/// <summary>
/// How slow a PIN's hash is: Argon2id's memory (KiB), passes and lanes. Kept in each hash, so a store's hashes made
/// with other figures still verify after the figures change.
/// </summary>
public sealed record PinHashCost(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>
    /// 4 MiB, 2 passes, 1 lane: about 35 ms a hash on the appliance's two cores (docs/STAFF.md has the figures). A
    /// sign-in verifies against each active employee in turn, so the store's tens of people stay within a second or so.
    /// </summary>
    public static PinHashCost Default { get; } = new(4096, 2, 1);
}

/// <summary>
/// A PIN's slow salted hash (Argon2id, 16 random bytes of salt, 32 bytes of hash), written
/// <c>argon2id$v=19$m=4096,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (base64), and its check in constant time. The PIN itself
/// is never kept, logged or journaled.
/// </summary>
public static class PinHash
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Of(string pin, PinHashCost cost)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(pin, salt, cost, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"argon2id$v=19$m={cost.MemoryKiB},t={cost.Iterations},p={cost.Parallelism}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="pin"/> is the one <paramref name="stored"/> was made from; false for a hash it cannot read.</summary>
    public static bool Matches(string pin, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 5 || parts[0] != "argon2id" || parts[1] != "v=19" || ReadCost(parts[2]) is not { } cost)
        {
            return false;
        }
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[3]);
            expected = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return false;
        }
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Derive(pin, salt, cost, expected.Length), expected);
    }

    private static byte[] Derive(string pin, byte[] salt, PinHashCost cost, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(pin))
        {
            Salt = salt,
            MemorySize = cost.MemoryKiB,
            Iterations = cost.Iterations,
            DegreeOfParallelism = cost.Parallelism,
        };
        return argon.GetBytes(length);
    }

    private static PinHashCost? ReadCost(string figures)
    {
        int? m = null, t = null, p = null;
        foreach (var pair in figures.Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }
            switch (kv[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return null;
            }
        }
        // Bounded, so a hash read from the table can never ask for gigabytes.
        return m is >= 8 and <= 262_144 && t is <= 16 && p is <= 4 ? new PinHashCost(m.Value, t!.Value, p!.Value) : null;
    }
}
