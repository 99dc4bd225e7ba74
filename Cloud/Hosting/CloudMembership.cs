using Orleans.Configuration;

namespace Pos.Cloud.Hosting;

/// <summary>
/// How quickly the cloud's silos find a dead one. Stores wait on it: while a silo that died without leaving (a kill,
/// a lost machine) still counts as alive, calls to the store grains it held fail, and those stores cannot sync.
/// </summary>
public static class CloudMembership
{
    /// <summary>
    /// Orleans' membership defaults, except the probe timeout when <see cref="CloudSettings.ProbeTimeout"/> is set.
    /// </summary>
    /// <remarks>
    /// Each silo probes the others once per probe period (the adaptive probe timeout: from 5 s by default, never below
    /// half of it) and suspects one that misses three in a row, so a SIGKILLed silo is declared dead 8 to 15 s after
    /// it died. With POS_CLOUD_PROBE_SECONDS=1 (the end-to-end kill test sets it) the timeout starts at 1 s and never
    /// drops below it: a dead silo refuses the probes' connections at once and is suspected about three seconds after
    /// it died. A silo that is alive but starved of CPU misses short probes too (the cloud benchmark, 100 stores on
    /// two silos on two cores, saw three in a row at 1 s); Orleans does not vote against a silo it still receives
    /// messages from on an open connection (EnableConnectionLivenessCheck, on by default), while a killed silo's
    /// connections are closed at once. With two silos the survivor's single vote declares the other dead (Orleans
    /// asks for at most half the active silos, rounded up).
    /// </remarks>
    public static ISiloBuilder UseCloudMembership(this ISiloBuilder silo, CloudSettings settings) =>
        settings.ProbeTimeout is not { } probe
            ? silo
            : silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = probe;
                o.MinProbeTimeout = probe;
            });
}
