namespace Pos.Grains.Journal;

/// <summary>Something rebuilt from a journal stream, at the stream's version.</summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>
/// The newest version of something a grain publishes, readable without a grain call (on the hot path). The
/// appliance runs one silo and one grain publishes each, so one in-memory copy is the whole truth; an older
/// version arriving late never replaces a newer one. Empty until the grain has activated.
/// </summary>
public abstract class LatestVersion<T>
    where T : class, IVersioned
{
    private volatile T? _current;

    public T? Current => _current;

    internal void Publish(T value)
    {
        var current = _current;
        if (current is null || value.Version >= current.Version)
        {
            _current = value;
        }
    }
}
