using System.Security.Cryptography;

namespace Pos.Hosting.Secrets;

/// <summary>
/// An admin credential: given in a variable, or generated once and kept in a file only its owner can read, so it
/// survives restarts. Either way it is never printed; people are told where it is kept.
/// </summary>
public static class KeptToken
{
    /// <summary>The shortest token taken: 32 characters of a generated token carry 192 bits, beyond any guessing.</summary>
    public const int MinLength = 32;

    /// <summary>
    /// The token in <paramref name="path"/>; one is generated and written (mode 0600) the first time.
    /// </summary>
    /// <exception cref="TokenRefusedException">The file holds a token shorter than <see cref="MinLength"/>.</exception>
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var kept = File.ReadAllText(path).Trim();
            return Refusal(kept, path) is { } refusal ? throw new TokenRefusedException(refusal) : kept;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var token = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new StreamWriter(path, options))
        {
            file.WriteLine(token);
        }
        return token;
    }

    /// <summary>
    /// Puts <paramref name="token"/> in <paramref name="path"/> in place of the one kept there: written to a file of its
    /// own (mode 0600), flushed to disk, then renamed over the old one, so a crash leaves either token, never half.
    /// </summary>
    public static async Task ReplaceAsync(string path, string token, CancellationToken cancellationToken)
    {
        var next = path + ".next";
        File.Delete(next);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new FileStream(next, options))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(token + "\n"), cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(next, path, overwrite: true);
    }

    /// <summary>A new token: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The token given in <paramref name="variable"/>, or the one kept in <paramref name="path"/> when the variable is unset.
    /// </summary>
    /// <exception cref="TokenRefusedException">The token is shorter than <see cref="MinLength"/>.</exception>
    public static (string Token, string KeptIn) Resolve(string? given, string variable, string path)
    {
        if (given is null)
        {
            return (ReadOrCreate(path), path);
        }
        return Refusal(given, variable) is { } refusal ? throw new TokenRefusedException(refusal) : (given, variable);
    }

    /// <summary>Why <paramref name="token"/> from <paramref name="source"/> (a variable or a file) cannot be used, or null.</summary>
    public static string? Refusal(string token, string source) => token.Length >= MinLength
        ? null
        : $"{source} holds a token of {token.Length} characters; an admin token needs at least {MinLength}. "
            + "Make one with `head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='`, or leave the variable unset to have one generated and kept in the data folder.";
}

/// <summary>A configured token the process will not run with; the message names where it came from.</summary>
public sealed class TokenRefusedException(string message) : Exception(message);
