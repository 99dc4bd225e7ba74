namespace Pos.Appliance.Sync;

/// <summary>
/// Pulls the menu published in the cloud: asks for one newer than the version the store applied last, applies it to
/// the store's menu, and records the version as pulled (a version the store refused too, so the same refusal is not
/// repeated every minute; the refusal is said as the attempt's failure).
/// </summary>
public sealed class MenuPuller(ICloudSync cloud, IStoreMenu menu, ISyncCheckpoints checkpoints, CloudSigner signer, TimeProvider time)
{
    private int? _applied;

    /// <summary><see cref="SyncOutcome.MenuPulled"/> (with the store's refusal, if any) or <see cref="SyncOutcome.CloudFailed"/>.</summary>
    public async Task<SyncOutcome> PullAsync(CancellationToken cancellationToken)
    {
        var applied = _applied ??= (await checkpoints.ReadAsync(cancellationToken)).MenuVersion;
        var reply = await signer.SendAsync(cloud.MenuRequestSigned, signature => cloud.GetPublishedMenuAsync(applied, signature, cancellationToken));
        string? refusal = null;
        int? storeVersion = null;
        var version = applied;
        switch (reply)
        {
            case CloudReply.NoNewMenu:
                break;
            case CloudReply.Menu(var published, var definition) when published > applied:
                (storeVersion, var refused) = await menu.ReplaceAsync(definition, cancellationToken);
                version = published;
                refusal = refused is null ? null : $"The menu version {published} published in the cloud was refused: {refused}";
                break;
            case CloudReply.Menu:
                break; // not newer: nothing to apply
            default:
                return new SyncOutcome.CloudFailed(JournalShipper.Describe(reply, "the menu request"));
        }
        await checkpoints.MenuPulledAsync(version, time.GetUtcNow(), cancellationToken);
        _applied = version;
        return new SyncOutcome.MenuPulled(version > applied && refusal is null ? version : null, storeVersion, refusal);
    }
}
