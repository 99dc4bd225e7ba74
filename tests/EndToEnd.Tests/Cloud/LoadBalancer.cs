namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// What a load balancer in front of the cloud's silos does for the stores' batches: round robin over the silos in its
/// pool; the test adds a silo once it answers ready and takes one out once it does not, as a health check would.
/// </summary>
internal sealed class LoadBalancer
{
    private readonly Lock _lock = new();
    private readonly List<CloudProcess> _pool = [];
    private int _next;

    public LoadBalancer(IEnumerable<CloudProcess> silos) => _pool.AddRange(silos);

    public void Add(CloudProcess silo)
    {
        lock (_lock)
        {
            _pool.Add(silo);
        }
    }

    public void Remove(CloudProcess silo)
    {
        lock (_lock)
        {
            _pool.Remove(silo);
        }
    }

    /// <summary>The silo the next request goes to.</summary>
    public CloudProcess Next()
    {
        lock (_lock)
        {
            return _pool[_next++ % _pool.Count];
        }
    }
}
