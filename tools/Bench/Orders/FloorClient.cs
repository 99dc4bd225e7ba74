using System.Diagnostics;

namespace Pos.Bench.Orders;

/// <summary>
/// The same client as <see cref="BenchServer"/> reading one order of ten lines, <c>GET /api/v1/orders/{orderId}</c>:
/// the same authentication, routing, grain call and order JSON as an add-line answer, but no decision, no event and
/// no database. An add-line command does all of that and more, so what the read reaches is a ceiling for it: the
/// read floor.
/// </summary>
internal sealed class FloorClient(HttpClient http, string path) : ILoadClient
{
    public List<long> LatencyTicks { get; } = new(capacity: 65_536);
    public long Errors { get; private set; }
    public string? FirstError { get; private set; }

    public async Task RunAsync(MeasuredWindow window, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < window.To)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(path, cancellationToken);
                var finished = Stopwatch.GetTimestamp();
                if (response.IsSuccessStatusCode)
                {
                    if (window.Contains(finished))
                    {
                        LatencyTicks.Add(finished - started);
                    }
                    continue;
                }
                FirstError ??= $"GET /{path} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                FirstError ??= $"GET /{path} failed: {e.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                FirstError ??= $"GET /{path} timed out after {http.Timeout.TotalSeconds:F0} s";
            }
            Errors++;
        }
    }

    public void Dispose() => http.Dispose();
}
