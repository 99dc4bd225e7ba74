using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pos.Bench.Hq;

/// <summary>
/// One report's timing: the median (and the slowest) of several runs, after five runs not timed (HqReports.WarmUpRuns);
/// and the first of those, as the first person to ask after the data arrived waits for it.
/// </summary>
internal sealed record ReportTiming(string Name, string Request, double MedianMs, double MaxMs, int Runs, double FirstMs);

/// <summary>The HQ reports a chain asks for, each timed as HQ's browser would wait for it.</summary>
internal sealed class HqReports(Uri silo, string token, int runs) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = silo, Timeout = TimeSpan.FromMinutes(10) };

    public async Task<IReadOnlyList<ReportTiming>> TimeAllAsync(DateOnly date, string storeId, string groupId, CancellationToken cancellationToken)
    {
        var day = Date(date);
        var from = Date(date.AddDays(-29));
        var range = await TimeAsync("30 days, all stores", [$"cloud/v1/reports/range?from={from}&to={day}"], cancellationToken);
        var group = await TimeAsync($"a group's day ({groupId})", [$"cloud/v1/reports/daily?businessDate={day}&groupId={groupId}"], cancellationToken);
        return
        [
            await TimeAsync("daily, all stores", [$"cloud/v1/reports/daily?businessDate={day}"], cancellationToken),
            range,
            group,
            await TimeAsync("daily, one store", [$"cloud/v1/reports/daily?businessDate={day}&storeId={storeId}"], cancellationToken),
        ];
    }

    /// <summary>The all-store daily report's stores: how many, how many complete, and their closed orders.</summary>
    public async Task<(int Stores, int Complete, long OrdersClosed)> CheckDailyAsync(DateOnly date, CancellationToken cancellationToken)
    {
        using var answer = JsonDocument.Parse(await GetAsync($"cloud/v1/reports/daily?businessDate={Date(date)}", cancellationToken));
        var stores = answer.RootElement.GetProperty("stores").EnumerateArray().ToList();
        return (stores.Count, stores.Count(s => s.GetProperty("complete").GetBoolean()),
            stores.Sum(s => s.GetProperty("report").GetProperty("ordersClosed").GetInt64()));
    }

    /// <summary>Makes (or replaces) a store group of <paramref name="storeIds"/>, as HQ would for a region.</summary>
    public async Task CreateGroupAsync(string groupId, IReadOnlyList<string> storeIds, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"cloud/v1/groups/{groupId}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = groupId, kind = "region", stores = storeIds }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT /cloud/v1/groups/{groupId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Untimed runs of each report before the timed ones.</summary>
    public const int WarmUpRuns = 5;

    private async Task<ReportTiming> TimeAsync(string name, IReadOnlyList<string> requests, CancellationToken cancellationToken)
    {
        // Warmed up as a silo that has served for a while is: the report's loops run per store, and the runtime
        // compiles them fully only after several calls (the first calls of a fresh silo take 2-3 times as long).
        var first = 0.0;
        for (var warm = 0; warm < WarmUpRuns; warm++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var request in requests)
            {
                await ReceiveAsync(request, cancellationToken);
            }
            if (warm == 0)
            {
                first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var request in requests)
            {
                await ReceiveAsync(request, cancellationToken);
            }
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var stats = LatencyStats.FromMilliseconds(samples);
        return new ReportTiming(name, requests[^1], stats.P50Ms, stats.MaxMs, runs, first);
    }

    /// <summary>
    /// Asks for <paramref name="path"/> and receives the whole answer, as a browser waits for its last byte, without
    /// making it a string: the answers are megabytes, and this process holds the chain's generated days (over a GB), so
    /// a string of each would time this process's garbage collections, not the cloud.
    /// </summary>
    private async Task ReceiveAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var received = 0L;
        int read;
        while ((read = await stream.ReadAsync(_buffer, cancellationToken)) > 0)
        {
            received += read;
        }
        if (received == 0)
        {
            throw new InvalidOperationException($"GET /{path} answered 200 with nothing");
        }
    }

    private readonly byte[] _buffer = new byte[64 * 1024];

    private async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
