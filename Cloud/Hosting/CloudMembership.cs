using Orleans.Configuration;

namespace Pos.Cloud.Hosting;

/// <summary>
/// How quickly the cloud's silos find a dead one. Stores wait on it: while a silo that died without leaving (a kill,
/// a lost machine) still counts as alive, calls to the store grains it held fail, and those stores cannot sync.
/// </summary>
public static class CloudMembership
{
    public static ISiloBuilder UseCloudMembership(this ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(o =>
    {
        // Each silo probes the others once per probe period (the adaptive probe timeout: from 1 s here, from 2.5 s by
        // default) and suspects one that misses three in a row. A dead silo refuses the probes' connections at once,
        // so it is suspected about three seconds after it died, rather than 8 to 15 s with the defaults.
        // A silo that is alive but starved of CPU misses probes too (the cloud benchmark, 100 stores on two silos on
        // two cores, saw three in a row); Orleans does not vote against a silo it still receives messages from on an
        // open connection (EnableConnectionLivenessCheck), and a killed silo's connections are closed at once.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MinProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 3;
        o.EnableConnectionLivenessCheck = true;
        // A suspect is declared dead on this many fresh votes. Orleans asks for at most half the active silos
        // (rounded up), so with two silos the survivor's single vote is enough; larger clusters keep needing two.
        o.NumVotesForDeathDeclaration = 2;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    });
}
