namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// The browser the tests drive: Debian's chromium (apt-get install chromium; .ci/run installs it), or the one
/// POS_CHROMIUM names. Playwright never downloads a browser of its own here.
/// </summary>
public static class Chromium
{
    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable("POS_CHROMIUM") is { Length: > 0 } named ? named : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No chromium at {path}: run 'apt-get install chromium' (or set POS_CHROMIUM to a Chromium binary).");
    }
}
