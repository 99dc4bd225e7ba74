namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// Tests that run a cluster of cloud silos and time how soon the silos find a killed one: they run alone, one after
/// the other, since on two cores a cluster starved by other tests' processes misses its 1 s probes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CloudClusterCollection
{
    public const string Name = "cloud clusters";
}
