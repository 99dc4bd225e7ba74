using Microsoft.Playwright;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// Screenshots of the screens at phone size for the documentation, written to docs/screenshots/ only when
/// POS_SCREENSHOTS=1 (so an ordinary test run leaves the work tree as it was). Commit the ones a run made.
/// </summary>
public static class Screenshots
{
    public static bool Wanted => Environment.GetEnvironmentVariable("POS_SCREENSHOTS") == "1";

    public static async Task TakeAsync(IPage page, string name)
    {
        if (!Wanted)
        {
            return;
        }
        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
