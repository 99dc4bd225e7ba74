using System.Security.Cryptography;

namespace Pos.Appliance.Hosting;

/// <summary>A generated credential kept in a file only its owner can read, so it survives restarts.</summary>
public static class KeptToken
{
    /// <summary>The token in <paramref name="path"/>; one is generated and written (mode 0600) the first time.</summary>
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
