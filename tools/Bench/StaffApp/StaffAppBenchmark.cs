using System.Globalization;
using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>
/// The staff app as a phone sees it, in headless chromium through a counting proxy: first-load bytes, reload to a
/// usable floor with the CPU slowed 4x, tap to line; each beside its baseline, then the table.
/// </summary>
internal static class StaffAppBenchmark
{
    public const int CheckFailed = 3;
    public const double Throttle = 4;

    public static async Task<int> RunAsync(StaffAppOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Chromium))
        {
            return Fail($"no chromium at {options.Chromium}: run 'apt-get install chromium' (or give --chromium / set {StaffAppOptions.ChromiumVariable})");
        }

        try
        {
            var run = await MeasureAsync(options, cancellationToken);
            StaffAppReport.PrintTables(run);
            if (options.MarkdownPath is { } path)
            {
                await File.WriteAllTextAsync(path, StaffAppReport.Markdown(run), cancellationToken);
                Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
            }
            return run.ChecksPassed ? 0 : CheckFailed;
        }
        catch (StaffAppBenchException e)
        {
            return Fail(e.Message);
        }
        catch (HttpRequestException e)
        {
            return Fail($"cannot reach the appliance at {options.Url}: {e.Message}. Is it running, and is --token its admin token?");
        }
        catch (PlaywrightException e)
        {
            return Fail($"the browser failed: {e.Message}");
        }
    }

    private static async Task<StaffAppRun> MeasureAsync(StaffAppOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        await using var proxy = await CountingProxy.StartAsync(options.Url, cancellationToken);
        await CheckServedAsync(proxy.Url, cancellationToken);
        using var store = new StaffAppStore(options.Url, options.Token!);
        Console.WriteLine($"Menu of 12 items and {options.OpenOrders} open orders on {options.Url}; the browser goes through the counting proxy {proxy.Url}");
        await store.PutMenuAsync(cancellationToken);
        await store.SeedFloorAsync(options.OpenOrders, cancellationToken);
        await using var browser = await BenchBrowser.LaunchAsync(options.Chromium);

        Console.WriteLine($"[first load] {options.FirstLoads} fresh phones, each until the pairing screen shows and the service worker kept the app ...");
        var firstLoad = await FirstLoad.RunAppAsync(browser, proxy, options.FirstLoads);
        var firstLoadBaseline = await FirstLoad.RunBaselineAsync(browser, proxy, options.FirstLoads);
        Console.WriteLine(Invariant($"[first load] {firstLoad.MaxBytes:N0} bytes at most ({firstLoadBaseline.MaxBytes:N0} for the baseline)"));

        Console.WriteLine($"[reload] pairing a phone, then {options.Reloads} reloads of its floor per side, at full speed and with the CPU {Throttle}x slower ...");
        var (phone, listed) = await ReloadToFloor.PairedPhoneAsync(browser, proxy, store, options.OpenOrders, cancellationToken);
        await using var _ = phone;
        var reloads = new List<ReloadResult>
        {
            await ReloadToFloor.RunAppAsync(phone, "staff app, appliance reachable", listed, 1, options.Reloads),
            await ReloadToFloor.RunBaselineAsync(browser, proxy, 1, options.Reloads),
            await ReloadToFloor.RunAppAsync(phone, "staff app, appliance reachable", listed, Throttle, options.Reloads),
        };
        await proxy.CutAsync();
        try
        {
            reloads.Add(await ReloadToFloor.RunAppAsync(phone, "staff app, appliance cut", listed, Throttle, options.Reloads));
        }
        finally
        {
            proxy.Restore();
        }
        reloads.Add(await ReloadToFloor.RunBaselineAsync(browser, proxy, Throttle, options.Reloads));
        if (options.BlankApp is { } blankFolder)
        {
            if (!BlankAppHost.IsPublishedIn(blankFolder))
            {
                throw new StaffAppBenchException($"the empty Blazor app is not published in {blankFolder} (dotnet publish tools/BlankApp -c Release -o <folder>; ./pos bench does)");
            }
            Console.WriteLine($"[reload] the empty Blazor app from {blankFolder}, {options.Reloads} reloads at full speed and {Throttle}x slower ...");
            await using var blank = await BlankAppHost.StartAsync(blankFolder, cancellationToken);
            reloads.Add(await ReloadToFloor.RunBlankAsync(browser, blank, 1, options.Reloads));
            reloads.Add(await ReloadToFloor.RunBlankAsync(browser, blank, Throttle, options.Reloads));
        }
        reloads.ForEach(r => Console.WriteLine(Invariant($"[reload] {r.Side}, CPU {r.Rate}x: p50 {r.Stats.P50Ms:F0} ms, max {r.Stats.MaxMs:F0} ms")));

        var taps = new List<TapResult>();
        var table = 900;
        foreach (var rate in new[] { 1, Throttle })
        {
            foreach (var offline in new[] { false, true })
            {
                Console.WriteLine(Invariant($"[tap] {options.Taps} taps on a fresh order, {(offline ? "offline" : "online")}, CPU {rate}x ..."));
                taps.Add(await TapToLine.RunAppAsync(phone, store, (table++).ToString(CultureInfo.InvariantCulture), offline, rate, options.Taps, cancellationToken));
            }
            taps.Add(await TapToLine.RunBaselineAsync(browser, proxy.Url, rate, options.Taps));
        }
        taps.ForEach(t => Console.WriteLine(Invariant($"[tap] {t.Side}, CPU {t.Rate}x: p50 {t.Stats.P50Ms:F1} ms, p99 {t.Stats.P99Ms:F1} ms")));

        return new StaffAppRun(options, startedAt, listed, firstLoad, firstLoadBaseline, reloads, taps)
        {
            Outside = [.. browser.Guard.FromApp.Distinct()],
            BrowserOwnRefused = [.. browser.Guard.Refused.Distinct()],
        };
    }

    // The app must be published and served: without it every later step would only time out.
    private static async Task CheckServedAsync(Uri app, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(app, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || !body.Contains("_framework/blazor.webassembly", StringComparison.Ordinal))
        {
            throw new StaffAppBenchException(
                $"GET / answered {(int)response.StatusCode} without the staff app: start the appliance with POS_STAFF_APP set to the published app (./pos bench staffapp does)");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
