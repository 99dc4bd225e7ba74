using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>
/// A phone in the test: a browser context of its own at 390x844 with touch, and its page. Every request it makes to a
/// host other than loopback is refused and fails the test when the phone is disposed: the app must never reach
/// outside the restaurant (no CDN, no web font, no external script).
/// </summary>
public sealed class Phone : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _outside = new();
    private readonly ConcurrentQueue<IResponse> _responses = new();
    private readonly ConcurrentQueue<string> _console = new();

    private Phone(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Every response the page received so far (the service worker's own fetches are not among them).</summary>
    public IReadOnlyCollection<IResponse> Responses => _responses;

    public static async Task<Phone> OpenAsync(IBrowser browser, Uri baseAddress)
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
        var page = await context.NewPageAsync();
        var phone = new Phone(context, page);
        // Seen for every request of the context, the service worker's included; refused before it leaves the machine.
        context.Request += (_, request) => phone.Check(request.Url);
        await context.RouteAsync("**/*", async route =>
        {
            if (phone.Check(route.Request.Url))
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync("blockedbyclient");
            }
        });
        page.Response += (_, response) => phone._responses.Enqueue(response);
        // What the app said went wrong (an exception in Blazor, a failed fetch), kept for the test logs.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                phone._console.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => phone._console.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} page error: {error}");
        return phone;
    }

    /// <summary>What the page shows and the errors and warnings the browser reported, for a failure's message.</summary>
    public async Task<string> DescribeAsync()
    {
        string shown;
        try
        {
            shown = await Page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException e)
        {
            shown = "(unreadable: " + e.Message + ")";
        }
        return $"the page at {Page.Url} shows: {(shown.Length > 2_000 ? shown[..2_000] + "…" : shown)}\nthe browser said: "
            + (_console.IsEmpty ? "nothing" : string.Join("\n", _console));
    }

    /// <summary>Fails the test if the phone asked for anything outside loopback.</summary>
    public void AssertStayedOnTheLan() =>
        Assert.True(_outside.IsEmpty, "The app made requests outside loopback: " + string.Join(", ", _outside.Distinct()));

    public async ValueTask DisposeAsync()
    {
        // With POS_TEST_LOGS set (./pos test sets it), the browser's errors go beside the appliances' logs.
        if (!_console.IsEmpty && Environment.GetEnvironmentVariable("POS_TEST_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            await File.AppendAllLinesAsync(Path.Combine(logs, "browser-console.log"), [$"--- a phone at {Page.Url}", .. _console]);
        }
        await Context.DisposeAsync();
        AssertStayedOnTheLan();
    }

    private bool Check(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is "data" or "blob" or "about" || IsLoopback(uri.Host))
        {
            return true;
        }
        _outside.Enqueue(url);
        return false;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
