using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Pos.Api.Telemetry;

/// <summary>
/// How many commands wait in each device's outbox, as the device said with its last batch (the
/// <see cref="Header"/> header of <c>POST /api/v1/sync/commands</c>, which the client library sends): the
/// <c>pos.device.outbox.depth</c> gauge, by device, on the <see cref="ApiTelemetry.Name"/> meter of this host. A device
/// whose outbox grows while it sends is one the store is not keeping up with, or one that cannot reach it for long.
/// </summary>
public sealed class DeviceOutboxes
{
    /// <summary>Commands waiting in the device's outbox besides the batch it comes with (a whole number, 0 or more).</summary>
    public const string Header = "Pos-Outbox-Depth";

    private const int MaxDevices = 10_000;
    private readonly ConcurrentDictionary<string, int> _depths = new(StringComparer.Ordinal);

    public DeviceOutboxes(IMeterFactory meters)
    {
        var meter = meters.Create(ApiTelemetry.Name);
        meter.CreateObservableGauge("pos.device.outbox.depth", Observe, "{command}",
            "Commands waiting in a device's outbox besides the batch it last sent, as the device reported it");
    }

    /// <summary>What a device reported last, by device id.</summary>
    public IReadOnlyDictionary<string, int> Depths => _depths;

    /// <summary>Keeps what the batch's header says for <paramref name="deviceId"/>; a missing or unreadable header changes nothing.</summary>
    public void Report(string deviceId, HttpRequest request)
    {
        if (!int.TryParse(request.Headers[Header].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var depth))
        {
            return;
        }
        if (_depths.Count < MaxDevices || _depths.ContainsKey(deviceId))
        {
            _depths[deviceId] = depth;
        }
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _depths.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("device", d.Key)));
}
