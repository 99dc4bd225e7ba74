using System.Diagnostics;
using System.Text;

namespace Pos.Bench.Orders;

/// <summary>
/// One client of a run: its own connection, looping until the window closes. Its requests go through
/// <see cref="SendAsync"/>, which keeps the latency of the successful ones inside the window and the first failure.
/// </summary>
internal abstract class LoadClient(HttpClient http) : IDisposable
{
    public List<long> LatencyTicks { get; } = new(capacity: 65_536);
    public long Errors { get; private set; }
    public string? FirstError { get; private set; }

    public abstract Task RunAsync(MeasuredWindow window, CancellationToken cancellationToken);

    public void Dispose() => http.Dispose();

    /// <summary>A POST of <paramref name="json"/>, or a GET when it is null; true on a 2xx.</summary>
    protected async Task<bool> SendAsync(string path, string? json, MeasuredWindow window, bool timed, CancellationToken cancellationToken)
    {
        var what = json is null ? $"GET /{path}" : $"POST /{path}";
        string failure;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
            using var response = content is null
                ? await http.GetAsync(path, cancellationToken)
                : await http.PostAsync(path, content, cancellationToken);
            var finished = Stopwatch.GetTimestamp();
            if (response.IsSuccessStatusCode)
            {
                if (timed && window.Contains(finished))
                {
                    LatencyTicks.Add(finished - started);
                }

                return true;
            }

            failure = $"{what} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException e)
        {
            failure = $"{what} failed: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"{what} timed out after {http.Timeout.TotalSeconds:F0} s";
        }

        Errors++;
        FirstError ??= failure;
        return false;
    }
}
