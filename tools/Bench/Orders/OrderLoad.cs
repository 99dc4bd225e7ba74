using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Pos.Bench.Orders;

/// <summary>One appliance level: successful add-line commands per measured second, and their latency.</summary>
internal sealed record LoadResult(int Clients, double PerSecond, LatencyStats Latency, long Errors, string? FirstError)
{
    /// <summary>The appliance's CPU (user + system) per answered request inside the window, in microseconds; null when not measured.</summary>
    public double? CpuMicrosPerRequest { get; init; }

    /// <summary>The appliance's context switches (all threads) per answered request inside the window; null when not measured.</summary>
    public double? ContextSwitchesPerRequest { get; init; }
}

/// <summary>
/// N servers, each on its own connection, each ringing lines onto its own takeout order as fast as the appliance
/// acknowledges them. Every 2xx means the command is durable, so this measures durable order commands.
/// </summary>
internal static class OrderLoad
{
    public const string MenuItemId = "bench-burger";

    private const string Menu = """
        {"currency":"USD","items":[{"id":"bench-burger","name":"Bench Burger","priceMinor":1250,"taxRateBp":825,"station":"kitchen"}]}
        """;

    public static async Task<string?> PublishMenuAsync(Uri url, string token, CancellationToken cancellationToken)
    {
        using var http = CreateClient(url, token);
        try
        {
            using var content = new StringContent(Menu, Encoding.UTF8, "application/json");
            using var response = await http.PutAsync("api/v1/menu", content, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : $"PUT /api/v1/menu answered {(int)response.StatusCode}: {await BodyAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            return $"cannot reach the appliance at {url}: {e.Message}";
        }
    }

    public static Task<LoadResult> RunAsync(
        Uri url, string token, int clients, TimeSpan warmup, TimeSpan measured, int? appliancePid, CancellationToken cancellationToken) =>
        RunClientsAsync(() => new BenchServer(CreateClient(url, token)), clients, warmup, measured, appliancePid, cancellationToken);

    /// <summary>The same clients and window reading one order of ten lines: the read floor (see <see cref="FloorClient"/>).</summary>
    public static Task<LoadResult> RunFloorAsync(
        Uri url, string token, string orderPath, int clients, TimeSpan warmup, TimeSpan measured, int? appliancePid,
        CancellationToken cancellationToken) =>
        RunClientsAsync(() => new FloorClient(CreateClient(url, token), orderPath), clients, warmup, measured, appliancePid, cancellationToken);

    /// <summary>Opens the order the read floor reads and rings up ten lines on it (about the bench's average check).</summary>
    public static async Task<(string? Path, string? Error)> OpenFloorOrderAsync(Uri url, string token, CancellationToken cancellationToken)
    {
        using var http = CreateClient(url, token);
        var orderId = Guid.NewGuid();
        var requests = new List<(string Path, string Json)> { ("api/v1/orders", OpenBody(orderId)) };
        for (var i = 0; i < 10; i++)
        {
            requests.Add(($"api/v1/orders/{orderId}/lines", LineBody()));
        }
        foreach (var (path, json) in requests)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST /{path} answered {(int)response.StatusCode}: {await BodyAsync(response, cancellationToken)}");
            }
        }
        return ($"api/v1/orders/{orderId}", null);
    }

    private static async Task<LoadResult> RunClientsAsync(
        Func<LoadClient> create, int clients, TimeSpan warmup, TimeSpan measured, int? appliancePid, CancellationToken cancellationToken)
    {
        var window = MeasuredWindow.FromNow(warmup, measured);
        var all = Enumerable.Range(0, clients).Select(_ => create()).ToList();
        var cpu = appliancePid is { } pid ? ProcessCpu.DuringAsync(pid, window, cancellationToken) : Task.FromResult<ProcessUse?>(null);
        try
        {
            await Task.WhenAll(all.Select(c => c.RunAsync(window, cancellationToken)));
        }
        finally
        {
            all.ForEach(c => c.Dispose());
        }

        var latency = LatencyStats.FromStopwatchTicks(all.SelectMany(c => c.LatencyTicks));
        var used = await cpu;
        return new LoadResult(
            clients,
            latency.Count / measured.TotalSeconds,
            latency,
            all.Sum(c => c.Errors),
            all.Select(c => c.FirstError).FirstOrDefault(e => e is not null))
        {
            CpuMicrosPerRequest = used is not null && latency.Count > 0 ? used.CpuSeconds * 1e6 / latency.Count : null,
            ContextSwitchesPerRequest = used is not null && latency.Count > 0 ? (double)used.ContextSwitches / latency.Count : null,
        };
    }

    /// <summary>The body that opens a takeout order.</summary>
    internal static string OpenBody(Guid orderId) => $$"""{"orderId":"{{orderId}}","channel":"takeout"}""";

    /// <summary>The body of one bench burger on a line of its own.</summary>
    internal static string LineBody() => $$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"{{MenuItemId}}","quantity":1}""";

    internal static HttpClient CreateClient(Uri url, string token)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 1,
        };
        var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    internal static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length > 300 ? body[..300] + "..." : body;
    }
}

/// <summary>Stopwatch timestamps bounding the measured part of a run (after the warm-up).</summary>
internal readonly record struct MeasuredWindow(long From, long To)
{
    public static MeasuredWindow FromNow(TimeSpan warmup, TimeSpan measured)
    {
        var start = Stopwatch.GetTimestamp();
        return new MeasuredWindow(
            start + (long)(warmup.TotalSeconds * Stopwatch.Frequency),
            start + (long)((warmup + measured).TotalSeconds * Stopwatch.Frequency));
    }

    public bool Contains(long timestamp) => timestamp >= From && timestamp <= To;
}
