using System.Diagnostics.Metrics;
using Pos.Appliance.Hosting;
using Pos.Contracts.Orders;

namespace Pos.Appliance.Telemetry;

/// <summary>
/// The store's figures for whoever watches it, on the <see cref="ApplianceTelemetry.Name"/> meter of this host's
/// <see cref="IMeterFactory"/>: orders opened and closed (their rate is orders per minute), the journal's head, and the
/// sync lag in events and in seconds. Fed in memory by the journal writer's commits and the sync checkpoint's reads and
/// acknowledgements, so reading them costs nothing and needs no database.
/// </summary>
public sealed class StoreMetrics
{
    private readonly TimeProvider _time;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;
    private readonly Lock _gate = new();
    private long _head = -1; // unknown until the journal writer has connected
    private long _acked = -1; // unknown until the sync checkpoint was read
    private DateTimeOffset? _lastAnswer;

    public StoreMetrics(IMeterFactory meters, TimeProvider time, PosSettings settings)
    {
        _time = time;
        StartedAt = time.GetUtcNow();
        var meter = meters.Create(ApplianceTelemetry.Name);
        _opened = meter.CreateCounter<long>("pos.orders.opened", "{order}", "Orders opened (rate: orders per minute)");
        _closed = meter.CreateCounter<long>("pos.orders.closed", "{order}", "Orders closed");
        meter.CreateObservableGauge("pos.journal.head", ObserveHead, "{event}", "The seq of the journal's last committed event");
        if (settings.Cloud is not null)
        {
            meter.CreateObservableGauge("pos.sync.lag.events", ObserveLagEvents, "{event}", "Journal events the cloud has not acknowledged yet");
            meter.CreateObservableGauge("pos.sync.lag.seconds", ObserveLagSeconds, "s",
                "While events wait for the cloud: seconds since it last answered (since the appliance started, if it has not); 0 when nothing waits");
        }
    }

    /// <summary>When this appliance started: the cloud's silence is counted from here when it has not answered since.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The journal writer committed events up to <paramref name="head"/>, of these types.</summary>
    public void Committed(long head, IEnumerable<string> types)
    {
        Interlocked.Exchange(ref _head, head);
        foreach (var type in types)
        {
            if (type == nameof(OrderOpened))
            {
                _opened.Add(1);
            }
            else if (type == nameof(OrderClosed))
            {
                _closed.Add(1);
            }
        }
    }

    /// <summary>The journal's head as the writer read it on connecting.</summary>
    public void HeadRead(long head) => Interlocked.Exchange(ref _head, head);

    /// <summary>The checkpoint as read or moved: what the cloud holds, and when it last answered.</summary>
    public void Checkpoint(long acked, DateTimeOffset? lastAnswer)
    {
        lock (_gate)
        {
            _acked = acked;
            _lastAnswer = lastAnswer ?? _lastAnswer;
        }
    }

    /// <summary>The cloud answered at <paramref name="at"/> (a menu pulled), without moving the checkpoint.</summary>
    public void Answered(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastAnswer = at;
        }
    }

    private IEnumerable<Measurement<long>> ObserveHead()
    {
        var head = Interlocked.Read(ref _head);
        return head < 0 ? [] : [new Measurement<long>(head)];
    }

    private IEnumerable<Measurement<long>> ObserveLagEvents() => Lag() is { } lag ? [new Measurement<long>(lag.Events)] : [];

    private IEnumerable<Measurement<double>> ObserveLagSeconds() => Lag() is { } lag ? [new Measurement<double>(lag.Seconds)] : [];

    private (long Events, double Seconds)? Lag()
    {
        var head = Interlocked.Read(ref _head);
        long acked;
        DateTimeOffset? answered;
        lock (_gate)
        {
            acked = _acked;
            answered = _lastAnswer;
        }
        if (head < 0 || acked < 0)
        {
            return null;
        }
        var events = Math.Max(0, head - acked);
        var seconds = events == 0 ? 0 : Math.Max(0, (_time.GetUtcNow() - (answered ?? StartedAt)).TotalSeconds);
        return (events, seconds);
    }
}
