using System.Diagnostics;
using System.Text;

namespace Pos.Bench.Orders;

/// <summary>One simulated server (a POS terminal): one connection, one open order at a time.</summary>
internal sealed class BenchServer(HttpClient http) : ILoadClient
{
    private const int LinesPerOrder = 20;

    public List<long> LatencyTicks { get; } = new(capacity: 16_384);
    public long Errors { get; private set; }
    public string? FirstError { get; private set; }

    public async Task RunAsync(MeasuredWindow window, CancellationToken cancellationToken)
    {
        var orderId = Guid.Empty;
        var lines = 0;
        while (Stopwatch.GetTimestamp() < window.To)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (orderId == Guid.Empty || lines >= LinesPerOrder)
            {
                // A fresh order every 20 lines: the size of a real table's check.
                var newOrder = Guid.NewGuid();
                var open = $$"""{"orderId":"{{newOrder}}","channel":"takeout"}""";
                orderId = await SendAsync("api/v1/orders", open, window, timed: false, cancellationToken) ? newOrder : Guid.Empty;
                lines = 0;
                continue;
            }

            var line = $$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"{{OrderLoad.MenuItemId}}","quantity":1}""";
            if (await SendAsync($"api/v1/orders/{orderId}/lines", line, window, timed: true, cancellationToken))
            {
                lines++;
            }
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<bool> SendAsync(string path, string json, MeasuredWindow window, bool timed, CancellationToken cancellationToken)
    {
        string failure;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken);
            var finished = Stopwatch.GetTimestamp();
            if (response.IsSuccessStatusCode)
            {
                if (timed && window.Contains(finished))
                {
                    LatencyTicks.Add(finished - started);
                }

                return true;
            }

            failure = $"POST /{path} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            failure = $"POST /{path} failed: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"POST /{path} timed out after {http.Timeout.TotalSeconds:F0} s";
        }

        Errors++;
        FirstError ??= failure;
        return false;
    }
}
