using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>
/// One headless Debian chromium driven by Playwright (never a downloaded browser), kept inside loopback by an
/// <see cref="OutsideGuard"/>, and the phones the benchmark opens in it.
/// </summary>
internal sealed class BenchBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BenchBrowser(IPlaywright playwright, IBrowser browser, OutsideGuard guard)
    {
        _playwright = playwright;
        _browser = browser;
        Guard = guard;
    }

    public OutsideGuard Guard { get; }

    public static async Task<BenchBrowser> LaunchAsync(string chromium)
    {
        var guard = new OutsideGuard();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // --no-sandbox: root in a container has no user namespace for chromium's sandbox. The proxy takes every
            // request for a host outside loopback (chromium never proxies loopback) and refuses it.
            Args = ["--no-sandbox", "--proxy-server=" + guard.ProxyServer],
        });
        return new BenchBrowser(playwright, browser, guard);
    }

    /// <summary>A fresh phone: its own context (storage, service worker, caches), 390x844, touch.</summary>
    public Task<BenchPhone> NewPhoneAsync(Uri baseAddress) => BenchPhone.OpenAsync(_browser, baseAddress, Guard);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Guard.DisposeAsync();
    }
}

/// <summary>A browser context at phone size and its page; every response it gets, the service worker's included.</summary>
internal sealed class BenchPhone : IAsyncDisposable
{
    private readonly ConcurrentQueue<IResponse> _responses = new();
    private ICDPSession? _devTools;

    private BenchPhone(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public IReadOnlyCollection<IResponse> Responses => _responses;

    public static async Task<BenchPhone> OpenAsync(IBrowser browser, Uri baseAddress, OutsideGuard guard)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-US",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        var phone = new BenchPhone(context, await context.NewPageAsync());
        // Events only, no routing: routing would turn the HTTP cache off (see OutsideGuard).
        context.Request += (_, request) => guard.Check(request.Url);
        context.Response += (_, response) => phone._responses.Enqueue(response);
        return phone;
    }

    /// <summary>Slows the page's CPU down <paramref name="rate"/> times (1: full speed), through the DevTools protocol.</summary>
    public async Task ThrottleAsync(double rate)
    {
        _devTools ??= await Context.NewCDPSessionAsync(Page);
        await _devTools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = rate });
    }

    public async ValueTask DisposeAsync()
    {
        if (_devTools is not null)
        {
            await _devTools.DetachAsync();
        }
        await Context.DisposeAsync();
    }
}
