using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Pos.Bench.Orders;

/// <summary>One appliance level: successful add-line commands per measured second, and their latency.</summary>
internal sealed record LoadResult(int Clients, double PerSecond, LatencyStats Latency, long Errors, string? FirstError);

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

    public static async Task<LoadResult> RunAsync(
        Uri url,
        string token,
        int clients,
        TimeSpan warmup,
        TimeSpan measured,
        CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var window = new MeasuredWindow(
            start + (long)(warmup.TotalSeconds * Stopwatch.Frequency),
            start + (long)((warmup + measured).TotalSeconds * Stopwatch.Frequency));
        var servers = Enumerable.Range(0, clients).Select(_ => new BenchServer(CreateClient(url, token))).ToList();
        try
        {
            await Task.WhenAll(servers.Select(s => s.RunAsync(window, cancellationToken)));
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }

        var latency = LatencyStats.FromStopwatchTicks(servers.SelectMany(s => s.LatencyTicks));
        return new LoadResult(
            clients,
            latency.Count / measured.TotalSeconds,
            latency,
            servers.Sum(s => s.Errors),
            servers.Select(s => s.FirstError).FirstOrDefault(e => e is not null));
    }

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
    public bool Contains(long timestamp) => timestamp >= From && timestamp <= To;
}
