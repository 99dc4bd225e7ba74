using Microsoft.Playwright;

namespace Pos.Bench.StaffApp;

/// <summary>Tap-to-line times of one series, in milliseconds, and what went wrong if a line did not show or land.</summary>
internal sealed record TapResult(string Side, double Rate, IReadOnlyList<double> Ms, IReadOnlyList<string> Problems)
{
    public LatencyStats Stats => LatencyStats.FromMilliseconds([.. Ms]);
}

/// <summary>
/// Taps on menu items of the order screen, timed inside the page: from a capture-phase click listener (before the
/// app sees the click) to the first frame after a new line is in the DOM (a MutationObserver, then
/// requestAnimationFrame). The baseline is the same probe on a trivial page whose button appends a line at once.
/// </summary>
internal static class TapToLine
{
    private const string Probe = """
        () => {
          const probe = window.__posTap = { samples: [], pending: null };
          const lines = () => document.querySelectorAll('li.line').length;
          document.addEventListener('click', event => {
            if (event.target.closest('button.item-add')) probe.pending = { start: performance.now(), lines: lines() };
          }, true);
          new MutationObserver(() => {
            const tap = probe.pending;
            if (tap && lines() > tap.lines) {
              probe.pending = null;
              requestAnimationFrame(() => probe.samples.push(performance.now() - tap.start));
            }
          }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    private const string TrivialPage = """
        <!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>baseline</title></head>
        <body><ul id="lines"></ul>
        <button class="item-add" data-item-id="bench-fries">Fries</button><button class="item-add" data-item-id="bench-soda">Soda</button>
        <button class="item-add" data-item-id="bench-ipa">IPA</button><button class="item-add" data-item-id="bench-salad">Salad</button>
        <script>
          document.body.addEventListener('click', event => {
            const button = event.target.closest('button.item-add');
            if (!button) return;
            const line = document.createElement('li');
            line.className = 'line';
            line.textContent = '1 × ' + button.textContent;
            document.getElementById('lines').append(line);
          });
        </script></body></html>
        """;

    private static readonly TimeSpan LineWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LandWithin = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Opens a fresh order on the phone (online), then taps <paramref name="taps"/> items with the page throttled
    /// <paramref name="rate"/>x, the context offline if <paramref name="offline"/>; then back online, checks that the
    /// appliance holds exactly one line per tap.
    /// </summary>
    public static async Task<TapResult> RunAppAsync(
        BenchPhone phone, StaffAppStore store, string table, bool offline, double rate, int taps, CancellationToken cancellationToken)
    {
        var page = phone.Page;
        await page.GotoAsync("");
        await page.GetByLabel("Table").FillAsync(table);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the order" }).ClickAsync();
        await page.WaitForURLAsync("**/order/*");
        var orderId = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        await page.Locator("h1 .order-number:not(.temporary)").WaitForAsync();
        await page.Locator("button.item-add").First.WaitForAsync();

        var side = $"staff app, {(offline ? "offline" : "online")}";
        var result = await TapAsync(phone, side, offline, rate, taps);
        var problems = result.Problems.ToList();
        try
        {
            await page.Locator(".banner[data-state='saved']").WaitForAsync(new() { Timeout = (float)LandWithin.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            problems.Add($"{side}: the banner did not say all saved within {LandWithin.TotalSeconds:F0} s");
        }
        // Each tap is one line on the appliance, once: polled until it holds them all (or the patience runs out).
        var landed = await store.LineCountAsync(orderId, cancellationToken);
        for (var deadline = DateTime.UtcNow + LandWithin; landed < taps && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(200, cancellationToken);
            landed = await store.LineCountAsync(orderId, cancellationToken);
        }
        if (landed != taps)
        {
            problems.Add($"{side}: {taps} taps, but the appliance holds {landed} lines on order {orderId}");
        }
        return result with { Problems = problems };
    }

    /// <summary>The same taps on a trivial page in a phone of its own: the browser's floor for a tap that adds a line.</summary>
    public static async Task<TapResult> RunBaselineAsync(BenchBrowser browser, Uri anyAddress, double rate, int taps)
    {
        await using var phone = await browser.NewPhoneAsync(anyAddress);
        await phone.Page.SetContentAsync(TrivialPage);
        return await TapAsync(phone, "baseline: trivial page", offline: false, rate, taps);
    }

    private static async Task<TapResult> TapAsync(BenchPhone phone, string side, bool offline, double rate, int taps)
    {
        var page = phone.Page;
        var problems = new List<string>();
        await page.EvaluateAsync(Probe);
        await phone.Context.SetOfflineAsync(offline);
        await phone.ThrottleAsync(rate);
        try
        {
            for (var tap = 0; tap < taps; tap++)
            {
                var item = StaffAppStore.TappedItems[tap % StaffAppStore.TappedItems.Length];
                await page.Locator($"button.item-add[data-item-id='{item}']").ClickAsync();
                try
                {
                    await page.WaitForFunctionAsync("n => window.__posTap.samples.length + (window.__posTap.missed || 0) >= n", tap + 1,
                        new() { Timeout = (float)LineWithin.TotalMilliseconds, PollingInterval = 20 });
                }
                catch (TimeoutException)
                {
                    problems.Add($"{side}: tap {tap + 1} ({item}) showed no line within {LineWithin.TotalSeconds:F0} s");
                    await page.EvaluateAsync("() => { window.__posTap.missed = (window.__posTap.missed || 0) + 1; window.__posTap.pending = null; }");
                }
            }
        }
        finally
        {
            await phone.ThrottleAsync(1);
            await phone.Context.SetOfflineAsync(false);
        }
        var samples = await page.EvaluateAsync<double[]>("() => window.__posTap.samples");
        return new TapResult(side, rate, samples, problems);
    }
}
