namespace Pos.Contracts.Sync;

/// <summary>
/// How far the cloud's copy of the journal is behind. <c>pending</c> is <c>journalHeadSeq - ackedSeq</c>;
/// <c>online</c> says whether the last attempt to reach the cloud succeeded. <c>cloudUrl</c> is null when the
/// store is not linked to a cloud (then nothing is sent and <c>lastError</c> says how to link it).
/// </summary>
public sealed record SyncStatusResponse(
    string? CloudUrl,
    string? StoreId,
    long JournalHeadSeq,
    long AckedSeq,
    long Pending,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    bool Online,
    DateTimeOffset? NextAttemptAt,
    int MenuVersion,
    double ClockOffsetSeconds);
