using System.ComponentModel.DataAnnotations;

namespace Pos.Contracts.Devices;

/// <summary>
/// Asks for a one-time pairing code (a manager or the admin): the phone that enters it within ten minutes becomes a
/// device of <c>role</c>, named <c>name</c> when given (else by the name the phone sends).
/// </summary>
public sealed record CreatePairingCodeRequest(
    [property: Required, AllowedValues("server", "bartender", "manager", "kitchen", "integration")] string? Role,
    string? Name = null);

/// <summary>
/// A pairing code just made. <c>code</c> is 13 digits, shown this once (the appliance keeps only its hash): read it
/// aloud or show it grouped (<c>codeGrouped</c>); it is taken with or without spaces and dashes. <c>pairingUrl</c> opens
/// the staff app's pairing page with the code filled in (draw it as a QR code). One use, until <c>expiresAt</c>.
/// </summary>
public sealed record PairingCodeIssued(
    Guid CodeId, string Code, string CodeGrouped, string Role, string? Name, DateTimeOffset ExpiresAt, string PairingUrl);

/// <summary>
/// A phone pairs itself with a code a manager made (no token needed). <c>name</c> names the device unless the manager
/// named it on the code.
/// </summary>
public sealed record PairDeviceRequest([property: Required] string? Code, string? Name = null);

/// <summary>
/// The device a pairing made and its bearer token, shown this once: keep it on the device (the appliance keeps only
/// its hash) and send it as <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
public sealed record PairedDevice(string DeviceId, string Token, string Role, string Name);

/// <summary>How pairing codes are written: 13 digits, taken with or without spaces and dashes, shown in groups.</summary>
public static class PairingCodeFormat
{
    /// <summary>How many digits a code has: 13 random digits are 43 bits.</summary>
    public const int Digits = 13;

    /// <summary>How long a code may be used after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The code's digits alone (spaces and dashes dropped), or null when that is not <see cref="Digits"/> digits.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }
        var digits = new string([.. typed.Where(c => c is not (' ' or '-' or '\u00A0'))]);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The digits in groups of four for a person to read (e.g. <c>1234 5678 9012 3</c>).</summary>
    public static string Group(string digits) =>
        string.Join(' ', Enumerable.Range(0, (digits.Length + 3) / 4).Select(i => digits.Substring(i * 4, Math.Min(4, digits.Length - (i * 4)))));
}
