using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Pos.Bench.Soak;

/// <summary>The managed heap as the runtime's own counters last reported it, in MB (2^20 bytes).</summary>
internal sealed record ManagedHeap(double HeapMb, double Gen2Mb, double LohMb, double CommittedMb, double Gen2Collections);

/// <summary>
/// The appliance's runtime counters (the <c>System.Runtime</c> EventCounters: GC heap size, gen 2 and LOH size,
/// committed memory, gen 2 collections) read over the runtime's diagnostics socket with an EventPipe session, as
/// dotnet-counters reads them, without it. Best effort: when the session cannot start, the heap is "not measured".
/// </summary>
internal sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly EventPipeSession _session;
    private readonly Task _reading;

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        _reading = Task.Run(() =>
        {
            try
            {
                source.Process();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The appliance went away, or the session was stopped mid-read.
            }
            finally
            {
                source.Dispose();
            }
        });
    }

    /// <summary>The error that kept the counters from starting, if any (the report says why the heap is missing).</summary>
    public static string? StartError { get; private set; }

    /// <summary>Starts a session on <paramref name="pid"/> reporting every <paramref name="intervalSeconds"/>; null when it cannot.</summary>
    public static RuntimeCounters? TryStart(int pid, int intervalSeconds)
    {
        try
        {
            var provider = new EventPipeProvider(
                "System.Runtime",
                EventLevel.Informational,
                (long)EventKeywords.None,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = intervalSeconds.ToString(CultureInfo.InvariantCulture) });
            var session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
            return new RuntimeCounters(session);
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
        {
            StartError = e.Message;
            return null;
        }
    }

    /// <summary>The heap as last reported; null until the first report has come.</summary>
    public ManagedHeap? Latest()
    {
        const double Mb = 1048576.0;
        if (!_latest.TryGetValue("gc-heap-size", out var heapMb))
        {
            return null;
        }

        return new ManagedHeap(
            heapMb,
            _latest.GetValueOrDefault("gen-2-size") / Mb,
            _latest.GetValueOrDefault("loh-size") / Mb,
            _latest.GetValueOrDefault("gc-committed"),
            _latest.GetValueOrDefault("gen-2-gc-count-total"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The appliance has already stopped.
        }

        await _reading.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _session.Dispose();
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.EventName != "EventCounters"
            || e.PayloadValue(0) is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner)
            || inner is not IDictionary<string, object> fields
            || !fields.TryGetValue("Name", out var name))
        {
            return;
        }

        var counter = name?.ToString() ?? "";
        if (fields.TryGetValue("Mean", out var mean))
        {
            _latest[counter] = Convert.ToDouble(mean, CultureInfo.InvariantCulture);
        }
        else if (fields.TryGetValue("Increment", out var increment))
        {
            // A rate counter (gen-2-gc-count): add up the increments into a running total.
            _latest.AddOrUpdate(counter + "-total", Convert.ToDouble(increment, CultureInfo.InvariantCulture),
                (_, total) => total + Convert.ToDouble(increment, CultureInfo.InvariantCulture));
            _latest[counter] = Convert.ToDouble(increment, CultureInfo.InvariantCulture);
        }
    }
}
