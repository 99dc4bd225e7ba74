using System.Diagnostics;
using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>One side of the first-load measurement: bytes on the wire per fresh phone, and what they were.</summary>
internal sealed record FirstLoadResult(
    string Side, IReadOnlyList<long> Bytes, IReadOnlyList<double> UsableMs, int Responses, int Revalidated, int Framework,
    IReadOnlyList<string> NotBrotli)
{
    public long MaxBytes => Bytes.Count == 0 ? 0 : Bytes.Max();
}

/// <summary>
/// A phone opening the app for the first time: a fresh browser context loads <c>/</c> until the pairing screen shows
/// and the service worker controls the page (its precache done: it installs only once every file is kept), then until
/// the proxy has been quiet for a second. Everything the appliance sent meanwhile is counted, headers included.
/// </summary>
internal static class FirstLoad
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static async Task<FirstLoadResult> RunAppAsync(BenchBrowser browser, CountingProxy proxy, int runs)
    {
        var bytes = new List<long>();
        var usable = new List<double>();
        var (responses, revalidated, framework, notBrotli) = (0, 0, 0, new List<string>());
        for (var run = 0; run < runs; run++)
        {
            await using var phone = await browser.NewPhoneAsync(proxy.Url);
            var before = proxy.BytesToBrowser;
            await phone.Context.AddInitScriptAsync(PageClock.ReadyScript("a.button[href='pair']", 1));
            await phone.Page.GotoAsync("", new() { WaitUntil = WaitUntilState.Commit });
            usable.Add(await PageClock.WaitReadyAsync(phone.Page, Patience, "the pairing screen"));
            await phone.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null,
                new() { Timeout = (float)Patience.TotalMilliseconds, PollingInterval = 100 });
            await QuietAsync(proxy);
            bytes.Add(proxy.BytesToBrowser - before);

            var seen = phone.Responses.ToList();
            responses = seen.Count(r => !r.FromServiceWorker);
            revalidated = seen.Count(r => r.Status == 304);
            var sent = seen.Where(r => r.Status == 200 && !r.FromServiceWorker && new Uri(r.Url).AbsolutePath.StartsWith("/_framework/", StringComparison.Ordinal)).ToList();
            framework = sent.Count;
            foreach (var response in sent)
            {
                if (await response.HeaderValueAsync("content-encoding") != "br")
                {
                    notBrotli.Add(new Uri(response.Url).AbsolutePath);
                }
            }
        }

        if (framework == 0)
        {
            notBrotli.Add("no _framework file was sent with 200: the app did not load its framework");
        }
        return new FirstLoadResult("staff app", bytes, usable, responses, revalidated, framework, notBrotli.Distinct().ToList());
    }

    /// <summary>The same fresh phone opening the app's icon, a static file from the same appliance: the floor.</summary>
    public static async Task<FirstLoadResult> RunBaselineAsync(BenchBrowser browser, CountingProxy proxy, int runs)
    {
        var bytes = new List<long>();
        var loaded = new List<double>();
        var responses = 0;
        for (var run = 0; run < runs; run++)
        {
            await using var phone = await browser.NewPhoneAsync(proxy.Url);
            var before = proxy.BytesToBrowser;
            await phone.Page.GotoAsync(BaselinePath, new() { WaitUntil = WaitUntilState.Commit });
            loaded.Add(await PageClock.WaitLoadedAsync(phone.Page, Patience));
            await QuietAsync(proxy);
            bytes.Add(proxy.BytesToBrowser - before);
            responses = phone.Responses.Count;
        }
        return new FirstLoadResult("baseline: " + BaselinePath, bytes, loaded, responses, 0, 0, []);
    }

    /// <summary>The static page the baselines load: the app's icon, served by the same static-asset endpoints.</summary>
    public const string BaselinePath = "icons/icon.svg";

    // Until no byte has come from the appliance for a second (a minute at most): the last precache fetches included.
    private static async Task QuietAsync(CountingProxy proxy)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        var last = proxy.BytesToBrowser;
        var since = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(since) < Quiet && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
            if (proxy.BytesToBrowser != last)
            {
                (last, since) = (proxy.BytesToBrowser, Stopwatch.GetTimestamp());
            }
        }
    }
}
