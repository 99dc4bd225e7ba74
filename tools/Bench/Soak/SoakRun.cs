using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Bench.Orders;

namespace Pos.Bench.Soak;

/// <summary>The appliance and the machine at one minute mark of the measured window (minute 0: its start).</summary>
internal sealed record SoakSample(int Minute, ResidentMemory? Memory, ManagedHeap? Heap, long? SyncPending, double? Load, double? CpuSeconds);

/// <summary>Everything the devices did and the samples taken meanwhile.</summary>
internal sealed record SoakLoad(
    IReadOnlyList<PacedCommand> Measured,
    IReadOnlyList<SoakLatency> PerMinute,
    IReadOnlyList<SoakSample> Samples,
    long WarmupCommands,
    int WarmupFailed,
    TimeSpan LoadSpan);

/// <summary>
/// The devices on the open-loop schedule for the warm-up and the measured minutes, and a sampler reading the
/// appliance's memory, its sync backlog and the machine's load at each minute mark of the measured window.
/// </summary>
internal static class SoakRun
{
    public static async Task<SoakLoad> RunAsync(
        SoakOptions o, Uri url, string token, int appliancePid, SoakTickets tickets, RuntimeCounters? counters, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var schedule = new OpenLoopSchedule(time.GetTimestamp() + time.TimestampFrequency, o.Rate, o.Devices, time.TimestampFrequency);
        var measureFrom = schedule.After(TimeSpan.FromSeconds(o.WarmupSeconds));
        var end = schedule.After(TimeSpan.FromSeconds(o.WarmupSeconds) + TimeSpan.FromMinutes(o.Minutes));
        var devices = Enumerable.Range(0, o.Devices).Select(d => new OpenLoopDevice(time, schedule, d)).ToList();
        var orders = Enumerable.Range(0, o.Devices).Select(_ => new SoakOrders(OrderLoad.CreateClient(url, token), tickets)).ToList();
        using var admin = OrderLoad.CreateClient(url, token);
        var sampling = SampleAsync(o.Minutes, schedule, measureFrom, admin, appliancePid, counters, time, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(devices.Select((d, i) => Task.Run(() => d.RunAsync(orders[i], end, cancellationToken), cancellationToken)));
        }
        finally
        {
            orders.ForEach(d => d.Dispose());
        }

        var span = Stopwatch.GetElapsedTime(started);
        var samples = await sampling;
        var all = devices.SelectMany(d => d.Commands).ToList();
        var measured = all.Where(c => c.Due >= measureFrom).ToList();
        var warmup = all.Where(c => c.Due < measureFrom).ToList();
        return new SoakLoad(
            measured,
            SoakLatency.PerMinute(measured, measureFrom, o.Minutes, time.TimestampFrequency),
            samples,
            warmup.Count,
            warmup.Count(c => !c.Succeeded),
            span);
    }

    /// <summary>The appliance's sync backlog: journal head minus what the cloud has acknowledged; null when it cannot be read.</summary>
    public static async Task<(long Head, long Acked)?> SyncAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        try
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("api/v1/sync/status", cancellationToken);
            return (status.GetProperty("journalHeadSeq").GetInt64(), status.GetProperty("ackedSeq").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<SoakSample>> SampleAsync(
        int minutes, OpenLoopSchedule schedule, long measureFrom, HttpClient admin, int pid, RuntimeCounters? counters,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var samples = new List<SoakSample>();
        for (var minute = 0; minute <= minutes; minute++)
        {
            await OpenLoopDevice.DelayUntilAsync(time, measureFrom + (minute * 60 * schedule.Frequency), cancellationToken);
            var memory = ResidentMemory.Read(pid);
            var sync = await SyncAsync(admin, cancellationToken);
            var sample = new SoakSample(
                minute, memory, counters?.Latest(), sync is { } s ? s.Head - s.Acked : null, LoadAverage.OneMinute(), ProcessCpu.SecondsUsed(pid));
            samples.Add(sample);
            Console.WriteLine(SoakReport.SampleLine(sample));
        }

        return samples;
    }
}
