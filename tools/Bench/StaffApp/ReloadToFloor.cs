using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>Reload times of one side, in milliseconds from the navigation's start.</summary>
internal sealed record ReloadResult(string Side, double Rate, IReadOnlyList<double> Ms, IReadOnlyList<double> FirstRenderMs)
{
    public LatencyStats Stats => LatencyStats.FromMilliseconds([.. Ms]);

    /// <summary>The app's first render (the runtime started), the part of each reload before the app reads its data.</summary>
    public LatencyStats FirstRender => LatencyStats.FromMilliseconds([.. FirstRenderMs.Where(ms => ms >= 0)]);
}

/// <summary>
/// A paired phone on the floor reloads with its CPU slowed 4x: the time from the navigation's start to the first frame
/// that lists every open order, with the appliance reachable and then with the proxy cut (the app from its cache).
/// The baseline reloads the app's icon from the same appliance in another throttled phone (no service worker there):
/// the browser's own floor for a navigation.
/// </summary>
internal static class ReloadToFloor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pairs a fresh phone and waits for its floor (at least <paramref name="openOrders"/> listed) and its offline shell;
    /// answers the phone and how many orders its floor lists, which each later document notes when it shows them all.
    /// </summary>
    public static async Task<(BenchPhone Phone, int Listed)> PairedPhoneAsync(
        BenchBrowser browser, CountingProxy proxy, StaffAppStore store, int openOrders, CancellationToken cancellationToken)
    {
        var phone = await browser.NewPhoneAsync(proxy.Url);
        var code = await store.PairingCodeAsync(cancellationToken);
        await phone.Page.GotoAsync("pair");
        await phone.Page.GetByLabel("Pairing code").FillAsync(code);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Pair this phone" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Floor" }).WaitForAsync();
        try
        {
            await phone.Page.WaitForFunctionAsync("n => document.querySelectorAll('li.order').length >= n", openOrders,
                new() { Timeout = (float)Patience.TotalMilliseconds, PollingInterval = 100 });
            await phone.Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null,
                new() { Timeout = 60_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            await phone.DisposeAsync();
            throw new StaffAppBenchException($"the paired phone's floor did not list the {openOrders} open orders, or its service worker did not take over");
        }
        var listed = await phone.Page.EvaluateAsync<int>("() => document.querySelectorAll('li.order').length");
        await phone.Context.AddInitScriptAsync(PageClock.ReadyScript("li.order", listed));
        return (phone, listed);
    }

    /// <summary>One warm-up reload, then <paramref name="runs"/> measured ones, the page throttled <paramref name="rate"/>x.</summary>
    public static async Task<ReloadResult> RunAppAsync(BenchPhone phone, string side, int openOrders, double rate, int runs)
    {
        await phone.ThrottleAsync(rate);
        var (times, firstRender) = (new List<double>(), new List<double>());
        try
        {
            for (var run = -1; run < runs; run++)
            {
                await phone.Page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
                var ms = await PageClock.WaitReadyAsync(phone.Page, Patience, $"the screen of {side} ({openOrders} elements)");
                if (run >= 0)
                {
                    times.Add(ms);
                    firstRender.Add(await PageClock.FirstRenderAsync(phone.Page));
                }
            }
        }
        finally
        {
            await phone.ThrottleAsync(1);
        }
        return new ReloadResult(side, rate, times, firstRender);
    }

    /// <summary>The side name of the empty Blazor app's rows.</summary>
    public const string BlankSide = "baseline: empty Blazor WebAssembly app";

    /// <summary>
    /// The empty Blazor app (tools/BlankApp) reloaded the same way in a phone of its own, to its heading: what starting
    /// the runtime costs any app on this machine, before the app's own work.
    /// </summary>
    public static async Task<ReloadResult> RunBlankAsync(BenchBrowser browser, BlankAppHost blank, double rate, int runs)
    {
        await using var phone = await browser.NewPhoneAsync(blank.Url);
        await phone.Context.AddInitScriptAsync(PageClock.ReadyScript("#app h1", 1));
        await phone.Page.GotoAsync("");
        await PageClock.WaitReadyAsync(phone.Page, Patience, "the empty Blazor app's heading");
        var result = await RunAppAsync(phone, BlankSide, 1, rate, runs);
        return result with { FirstRenderMs = [] };
    }

    /// <summary>The app's icon reloaded the same way in a phone of its own: the navigation floor.</summary>
    public static async Task<ReloadResult> RunBaselineAsync(BenchBrowser browser, CountingProxy proxy, double rate, int runs)
    {
        await using var phone = await browser.NewPhoneAsync(proxy.Url);
        await phone.Page.GotoAsync(FirstLoad.BaselinePath);
        await phone.ThrottleAsync(rate);
        var times = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            await phone.Page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
            var ms = await PageClock.WaitLoadedAsync(phone.Page, Patience);
            if (run >= 0)
            {
                times.Add(ms);
            }
        }
        return new ReloadResult("baseline: " + FirstLoad.BaselinePath, rate, times, []);
    }
}
