using Pos.Api.Sync;
using Pos.Appliance.Hosting;
using Pos.Contracts.Sync;
using Pos.Grains.Journal;

namespace Pos.Appliance.Sync;

/// <summary>GET /api/v1/sync/status from the checkpoint row, the journal head and the running job's state.</summary>
public sealed class SyncStatusSource(PosSettings settings, SyncCheckpointStore checkpoints, IJournal journal, IServiceProvider services)
    : ISyncStatusSource
{
    public async Task<SyncStatusResponse> GetAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.ReadAsync(cancellationToken);
        var head = await journal.HeadSeqAsync(cancellationToken);
        var job = settings.Cloud is null ? null : services.GetService<SyncJob>();
        var signer = settings.Cloud is null ? null : services.GetService<CloudSigner>();
        var lastError = settings.Cloud is null
            ? "Not linked to a cloud: set POS_CLOUD_URL, POS_STORE_ID and POS_STORE_SECRET (./pos run links a local cloud)."
            : checkpoint.LastError;
        // Online: the last attempt reached the cloud. After a restart, before any attempt, the rows say which came last.
        var online = job?.Online ?? (checkpoint.LastSuccessAt is { } ok && (checkpoint.LastErrorAt is not { } failed || ok >= failed));
        return new SyncStatusResponse(
            settings.Cloud?.Url.ToString().TrimEnd('/'),
            settings.Cloud?.StoreId,
            head,
            checkpoint.AckedSeq,
            Math.Max(0, head - checkpoint.AckedSeq),
            checkpoint.LastSuccessAt,
            lastError,
            checkpoint.LastErrorAt,
            settings.Cloud is not null && online,
            job?.NextAttemptAt,
            checkpoint.MenuVersion,
            signer?.ClockOffset.TotalSeconds ?? 0);
    }
}
