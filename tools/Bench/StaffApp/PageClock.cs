using System.Globalization;
using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>
/// Times taken inside the page, on its own clock: <c>performance.now()</c> counts from the start of the navigation
/// that made the document, so a reload's time to a screen is read where it happens, without the driver's delays.
/// </summary>
internal static class PageClock
{
    /// <summary>
    /// A script for <c>AddInitScriptAsync</c>: from the first moment of each document, it watches the DOM and notes
    /// the time of the first frame after <paramref name="count"/> elements match <paramref name="selector"/>, and of the
    /// app's first render (its first heading: the .NET runtime has started and drawn its first screen).
    /// </summary>
    public static string ReadyScript(string selector, int count) => $$"""
        (() => {
          const selector = {{System.Text.Json.JsonSerializer.Serialize(selector)}}, count = {{count.ToString(CultureInfo.InvariantCulture)}};
          const watch = new MutationObserver(() => {
            if (window.__posBenchFirstRender === undefined && document.querySelector('#app h1')) {
              window.__posBenchFirstRender = performance.now();
            }
            if (document.querySelectorAll(selector).length >= count) {
              watch.disconnect();
              requestAnimationFrame(() => { window.__posBenchReady = performance.now(); });
            }
          });
          watch.observe(document, { childList: true, subtree: true });
        })();
        """;

    /// <summary>Milliseconds from the navigation's start to the frame that showed the screen (see <see cref="ReadyScript"/>).</summary>
    public static async Task<double> WaitReadyAsync(IPage page, TimeSpan timeout, string what)
    {
        try
        {
            var ready = await page.WaitForFunctionAsync("() => window.__posBenchReady", null,
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });
            return await ready.JsonValueAsync<double>();
        }
        catch (TimeoutException)
        {
            throw new StaffAppBenchException($"{what} did not show within {timeout.TotalSeconds:F0} s ({page.Url})");
        }
    }

    /// <summary>Milliseconds from the navigation's start to the app's first heading (see <see cref="ReadyScript"/>).</summary>
    public static Task<double> FirstRenderAsync(IPage page) => page.EvaluateAsync<double>("() => window.__posBenchFirstRender ?? -1");

    /// <summary>Milliseconds from the navigation's start to the end of the document's load event.</summary>
    public static async Task<double> WaitLoadedAsync(IPage page, TimeSpan timeout)
    {
        var loaded = await page.WaitForFunctionAsync(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0 ? n.loadEventEnd : 0; }",
            null, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });
        return await loaded.JsonValueAsync<double>();
    }
}
