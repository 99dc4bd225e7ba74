namespace Pos.Api.Events;

/// <summary>
/// How many event streams are open, per device and in all, so open connections stay bounded: a device that opens
/// one more than <see cref="EventStreamOptions.MaxPerDevice"/>, or any reader once <see cref="EventStreamOptions.MaxTotal"/>
/// are open, is refused (429 too-many-event-streams) until one closes. Pure bookkeeping under a lock, no I/O.
/// </summary>
public sealed class EventStreamSlots(EventStreamOptions options)
{
    private readonly Dictionary<string, int> _perDevice = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _total;

    /// <summary>Streams open now, in all.</summary>
    public int Open
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>A slot for one stream of <paramref name="deviceId"/>, to dispose when the stream ends; null when none is free.</summary>
    public IDisposable? TryTake(string deviceId)
    {
        lock (_lock)
        {
            var mine = _perDevice.GetValueOrDefault(deviceId);
            if (mine >= options.MaxPerDevice || _total >= options.MaxTotal)
            {
                return null;
            }
            _perDevice[deviceId] = mine + 1;
            _total++;
        }
        return new Slot(this, deviceId);
    }

    private void Release(string deviceId)
    {
        lock (_lock)
        {
            _total--;
            if (--_perDevice[deviceId] == 0)
            {
                _perDevice.Remove(deviceId);
            }
        }
    }

    private sealed class Slot(EventStreamSlots slots, string deviceId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(deviceId);
            }
        }
    }
}
