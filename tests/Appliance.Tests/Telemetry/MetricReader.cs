using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Pos.Appliance.Tests.Telemetry;

/// <summary>
/// The store's metrics as an exporter reads them, in process: a <see cref="MeterListener"/> on the Pos meters, taking
/// the instruments of one appliance's <see cref="IMeterFactory"/> (its gauges and counters) and the process-wide ones
/// (the API's and the printers' instruments, told apart by their tags).
/// </summary>
public sealed class MetricReader : IDisposable
{
    private static readonly string[] Meters = ["Pos.Api", "Pos.Appliance", "Pos.Printing"];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Reading> _readings = new();

    public MetricReader(IMeterFactory appliance)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Contains(instrument.Meter.Name) && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, appliance)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>One measurement: the instrument's name, its value and its tags.</summary>
    public sealed record Reading(string Name, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public bool Has(string tag, string value) => Tags.TryGetValue(tag, out var v) && Equals(v, value);
    }

    /// <summary>Everything recorded since the start, after asking the observable gauges for their values now.</summary>
    public IReadOnlyList<Reading> Read()
    {
        _listener.RecordObservableInstruments();
        return [.. _readings];
    }

    /// <summary>The last value a gauge gave (with the tag, if named); null when it gave none.</summary>
    public double? Gauge(string name, string? tag = null, string? value = null)
    {
        _listener.RecordObservableInstruments();
        return _readings.Where(r => r.Name == name && (tag is null || r.Has(tag, value!))).Select(r => (double?)r.Value).LastOrDefault();
    }

    /// <summary>The sum of a counter's (or up-down counter's) measurements, with the tag if named.</summary>
    public double Sum(string name, string? tag = null, string? value = null) =>
        _readings.Where(r => r.Name == name && (tag is null || r.Has(tag, value!))).Sum(r => r.Value);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, v) in tags)
        {
            map[key] = v;
        }
        _readings.Enqueue(new Reading(instrument.Name, value, map));
    }
}
