using System.Security.Cryptography;

namespace Pos.Appliance.Hosting;

/// <summary>The admin credential: POS_ADMIN_TOKEN, or one generated at first start and kept (mode 0600) in the data folder.</summary>
public static class AdminToken
{
    public static string Resolve(PosSettings settings)
    {
        if (settings.AdminToken is { } configured)
        {
            return configured;
        }
        var path = Path.Combine(settings.DataDir, "admin-token");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(settings.DataDir);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
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
}
