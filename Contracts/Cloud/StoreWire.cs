namespace Pos.Contracts.Cloud;

/// <summary>PUT /cloud/v1/stores/{storeId}: a store to register or rename (HQ).</summary>
public sealed record StoreRequest(string? Name, string? TimeZone);

/// <summary>
/// The answer to PUT /cloud/v1/stores/{storeId}: the store's signing secret (base64) when it was just registered
/// (201); null when a known store was renamed (200), since the secret is shown once.
/// </summary>
public sealed record StoreRegistered(string StoreId, string? Secret);

/// <summary>GET /cloud/v1/stores: every registered store with its sync status, in store id order.</summary>
public sealed record StoreList(IReadOnlyList<StoreSummary> Stores);

/// <summary>
/// A store as headquarters lists it: the cloud holds its journal through <see cref="AckedSeq"/>; the store's own
/// journal had reached <see cref="HeadSeq"/> when it last sent a batch, so <see cref="Behind"/> events are still on their way.
/// </summary>
public sealed record StoreSummary(string StoreId, string Name, string TimeZone, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt)
{
    public long Behind => Math.Max(0, HeadSeq - AckedSeq);
}

/// <summary>
/// POST /cloud/v1/stores/{storeId}/secret/rotate (HQ): how long the secret in use is still accepted once the new one
/// is issued, in minutes (default <see cref="DefaultGraceMinutes"/>, 0 to <see cref="MaxGraceMinutes"/>; 0 refuses
/// the old secret at once, for a secret that leaked).
/// </summary>
public sealed record SecretRotationRequest(int? GraceMinutes)
{
    public const int DefaultGraceMinutes = 60;
    public const int MaxGraceMinutes = 3 * 24 * 60;
}

/// <summary>
/// The answer to a rotation, shown once: the store's new secret (base64, its next POS_STORE_SECRET), which signs from
/// now on; the previous secret is accepted until <see cref="PreviousValidUntil"/> (the cloud's clock).
/// </summary>
public sealed record StoreSecretRotated(string StoreId, string Secret, DateTimeOffset PreviousValidUntil);
