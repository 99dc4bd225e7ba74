using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pos.Api.Health;
using Pos.Appliance.Hosting;
using Pos.Appliance.Telemetry;
using Pos.Grains.Journal;

namespace Pos.Appliance.Sync;

/// <summary>
/// The sync lag for /health/sync: the journal's head minus the cloud's checkpoint, and how long ago the cloud last
/// answered. Unhealthy when events wait and the cloud has not answered for the lag limit (POS_SYNC_LAG_LIMIT, 15 min;
/// counted from the appliance's start when the cloud has not answered since). The store works on: /health/ready
/// reports it as degraded, never unavailable (<see cref="Pos.Api.Health.DegradesReadiness"/>).
/// </summary>
public sealed class SyncLagHealthCheck(
    PosSettings settings, SyncCheckpointStore checkpoints, IJournal journal, StoreMetrics metrics, TimeProvider time) : IHealthCheck
{

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Cloud is null)
        {
            return HealthCheckResult.Healthy("not linked to a cloud");
        }
        SyncCheckpoint checkpoint;
        long head;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HealthChecks.CheckTimeout);
            checkpoint = await checkpoints.ReadAsync(timeout.Token);
            head = await journal.HeadSeqAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the lag cannot be read: " + HealthChecks.Reason(ex));
        }
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["journalHeadSeq"] = head,
            ["ackedSeq"] = checkpoint.AckedSeq,
        };
        var pending = Math.Max(0, head - checkpoint.AckedSeq);
        var age = time.GetUtcNow() - (checkpoint.LastSuccessAt ?? metrics.StartedAt);
        var answered = checkpoint.LastSuccessAt is null
            ? $"the cloud has not answered since the appliance started {Words(age)} ago"
            : $"the cloud last answered {Words(age)} ago";
        if (pending == 0)
        {
            return HealthCheckResult.Healthy($"in sync through seq {checkpoint.AckedSeq}; {answered}", data);
        }
        var said = $"{pending} event(s) not in the cloud yet; {answered}";
        return age <= settings.Sync.LagLimit
            ? HealthCheckResult.Healthy(said, data)
            : HealthCheckResult.Unhealthy(said + (checkpoint.LastError is { } error ? $"; last error: {error}" : ""), data: data);
    }

    private static string Words(TimeSpan age) => age.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s")
        : age.TotalMinutes < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#} h");
}
