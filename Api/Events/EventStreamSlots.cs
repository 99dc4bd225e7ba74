namespace Pos.Api.Events;

/// <summary>
/// How many event streams are open, per device and in all, so open connections stay bounded. A device that opens one
/// more than <see cref="EventStreamOptions.MaxPerDevice"/> gets it, and its oldest stream is ended: a phone whose
/// sockets died without a word (Wi-Fi gone, no FIN) still holds them until the server notices, and coming back it must
/// not be refused by its own dead streams. Once <see cref="EventStreamOptions.MaxTotal"/> are open, any other reader is
/// refused (429 too-many-event-streams) until one closes. Pure bookkeeping under a lock, no I/O.
/// </summary>
public sealed class EventStreamSlots(EventStreamOptions options)
{
    private readonly Dictionary<string, LinkedList<EventStreamSlot>> _perDevice = new(StringComparer.Ordinal);
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

    /// <summary>
    /// A slot for one stream of <paramref name="deviceId"/>, to dispose when the stream ends; null when the appliance's
    /// streams are all taken. At the device's own limit, its oldest stream's slot is taken from it (its
    /// <see cref="EventStreamSlot.Ended"/> fires) and given to this one.
    /// </summary>
    public EventStreamSlot? TryTake(string deviceId)
    {
        EventStreamSlot? oldest = null;
        EventStreamSlot slot;
        lock (_lock)
        {
            var mine = _perDevice.GetValueOrDefault(deviceId);
            if (mine is { Count: > 0 } && mine.Count >= options.MaxPerDevice)
            {
                oldest = mine.First!.Value;
                mine.RemoveFirst();
                _total--;
            }
            else if (_total >= options.MaxTotal)
            {
                return null;
            }
            if (mine is null)
            {
                _perDevice[deviceId] = mine = new LinkedList<EventStreamSlot>();
            }
            slot = new EventStreamSlot(this, deviceId);
            slot.Node = mine.AddLast(slot);
            _total++;
        }
        oldest?.EndForNewer();
        return slot;
    }

    /// <summary>Gives a slot back, unless it was taken for a newer stream (then it was counted out already).</summary>
    internal void Release(EventStreamSlot slot)
    {
        lock (_lock)
        {
            if (slot.Node?.List is not { } list)
            {
                return;
            }
            list.Remove(slot.Node);
            _total--;
            if (list.Count == 0)
            {
                _perDevice.Remove(slot.DeviceId);
            }
        }
    }
}

/// <summary>One open stream's place: disposed when the stream ends; <see cref="Ended"/> fires when a newer stream of the same device took it.</summary>
public sealed class EventStreamSlot : IDisposable
{
    private readonly EventStreamSlots _slots;
    private readonly CancellationTokenSource _ended = new();
    private int _disposed;

    internal EventStreamSlot(EventStreamSlots slots, string deviceId)
    {
        _slots = slots;
        DeviceId = deviceId;
        Ended = _ended.Token;
    }

    public string DeviceId { get; }

    /// <summary>Fires when this stream must end: its device opened one more than it may hold, and this was its oldest.</summary>
    public CancellationToken Ended { get; }

    /// <summary>Where it is in its device's list, oldest first; guarded by the slots' lock.</summary>
    internal LinkedListNode<EventStreamSlot>? Node { get; set; }

    internal void EndForNewer()
    {
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended on its own meanwhile.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _slots.Release(this);
            _ended.Dispose();
        }
    }
}
