namespace Pos.Grains.Orders;

/// <summary>
/// Which device wrote each version of an order, read from the journal's deviceId of its events. It answers the
/// merge question: has another device changed the order since this device last did?
/// </summary>
public sealed class OrderWriters
{
    // _byVersion[v - 1] is the device whose command wrote version v.
    private readonly List<string> _byVersion = [];

    public int Version => _byVersion.Count;

    /// <summary>The device that wrote version 1, the one that opened the order; null before it is opened.</summary>
    public string? Opener => _byVersion.Count > 0 ? _byVersion[0] : null;

    /// <summary>The person signed in on the device that opened the order, when one was.</summary>
    public string? OpeningEmployee { get; private set; }

    public void Add(string deviceId, string? employeeId = null)
    {
        if (_byVersion.Count == 0)
        {
            OpeningEmployee = employeeId;
        }
        _byVersion.Add(deviceId);
    }

    /// <summary>
    /// True when a device other than <paramref name="deviceId"/> wrote a version after the last one this device
    /// wrote (it saw that one: it was in the answer to its own command). A device that never wrote to the order
    /// has told us nothing of what it saw, so its command counts as made on the order as it stands: false.
    /// </summary>
    public bool ChangedByOthersSinceLastWriteOf(string deviceId)
    {
        var last = _byVersion.FindLastIndex(d => string.Equals(d, deviceId, StringComparison.Ordinal));
        // Every version after the device's last one was written by another device.
        return last >= 0 && last < _byVersion.Count - 1;
    }
}
