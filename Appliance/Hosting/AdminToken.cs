using Pos.Api.Auth;
using Pos.Hosting.Secrets;

namespace Pos.Appliance.Hosting;

/// <summary>
/// The admin credential: POS_ADMIN_TOKEN, or one generated at first start and kept (mode 0600) in the data folder.
/// <see cref="KeptIn"/> says which (the variable's name or the file's path), so it can be shown instead of the token.
/// </summary>
public sealed record AdminToken(string Token, string KeptIn)
{
    public const string Variable = "POS_ADMIN_TOKEN";

    /// <summary>Whether the token came from <see cref="Variable"/> rather than a file.</summary>
    public bool FromVariable => KeptIn == Variable;

    /// <exception cref="TokenRefusedException">The token is shorter than <see cref="KeptToken.MinLength"/>.</exception>
    public static AdminToken Resolve(PosSettings settings)
    {
        var (token, keptIn) = KeptToken.Resolve(settings.AdminToken, Variable, Path.Combine(settings.DataDir, "admin-token"));
        return new AdminToken(token, keptIn);
    }

    /// <summary>What a shell puts in place of the token: the variable, or the file read with cat.</summary>
    public string ShellReference => FromVariable ? "$" + Variable : $"$(cat '{KeptIn}')";

    /// <summary>Never the token: records print themselves in logs and exceptions.</summary>
    public override string ToString() => $"AdminToken(kept in {KeptIn})";
}

/// <summary>The admin token kept in the data folder: a rotation writes the new one there, so a restart takes it.</summary>
public sealed class KeptAdminTokenFile(string path) : IAdminTokenKeeper
{
    public string? WhyNotKept => null;

    public Task KeepAsync(string token, CancellationToken cancellationToken) => KeptToken.ReplaceAsync(path, token, cancellationToken);
}
