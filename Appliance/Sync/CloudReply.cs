using Pos.Contracts.Menu;

namespace Pos.Appliance.Sync;

/// <summary>What the cloud answered a request of the sync, as a value: the cores decide on it without HTTP.</summary>
public abstract record CloudReply
{
    /// <summary>The cloud holds every event up to <paramref name="AckedSeq"/>.</summary>
    public sealed record Acked(long AckedSeq) : CloudReply;

    /// <summary>The cloud holds less than the batch assumed: send again from <paramref name="ExpectedSeq"/>.</summary>
    public sealed record Gap(long ExpectedSeq) : CloudReply;

    /// <summary>A menu published for the store, version <paramref name="Version"/>.</summary>
    public sealed record Menu(int Version, MenuDefinition Definition) : CloudReply;

    /// <summary>No menu newer than the one asked after (or none published).</summary>
    public sealed record NoNewMenu : CloudReply;

    /// <summary>
    /// 401: the signature was refused. <paramref name="CloudTime"/> is the cloud's clock when it said so (null when it did
    /// not say): a store clock that is off is corrected from it and the request signed again once.
    /// </summary>
    public sealed record Unauthorized(DateTimeOffset? CloudTime, string Message) : CloudReply;

    /// <summary>The cloud cannot be reached, or answered with an error worth trying again later.</summary>
    public sealed record Unavailable(string Message) : CloudReply;

    /// <summary>The cloud refused the store's data or credentials: trying the same again will not help until someone acts.</summary>
    public sealed record Refused(string Message) : CloudReply;
}

/// <summary>The cloud as the journal shipper and the menu puller use it: the typed HTTP client, or a fake in tests.</summary>
public interface ICloudSync
{
    /// <summary>POSTs a journal batch body (<see cref="Pos.Contracts.Sync.JournalBatch"/>) with its signature header.</summary>
    Task<CloudReply> SendBatchAsync(byte[] body, string signature, CancellationToken cancellationToken);

    /// <summary>What a request for the published menu signs (its path: a GET has no body).</summary>
    byte[] MenuRequestSigned { get; }

    /// <summary>The menu published for the store if newer than <paramref name="afterVersion"/>: <see cref="CloudReply.Menu"/> or <see cref="CloudReply.NoNewMenu"/>.</summary>
    Task<CloudReply> GetPublishedMenuAsync(int afterVersion, string signature, CancellationToken cancellationToken);
}

/// <summary>The journal as the shipper reads it (the part of <see cref="Pos.Grains.Journal.IJournal"/> it needs).</summary>
public interface ISyncJournal
{
    /// <summary>Up to <paramref name="limit"/> events after <paramref name="seq"/>, with the journal's head.</summary>
    Task<Pos.Contracts.Journal.JournalPage> ReadAfterAsync(long seq, int limit, CancellationToken cancellationToken);
}

/// <summary>The sync_checkpoint row as the cores read and move it (<see cref="SyncCheckpointStore"/>).</summary>
public interface ISyncCheckpoints
{
    Task<SyncCheckpoint> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The cloud said at <paramref name="at"/> that it holds everything up to <paramref name="ackedSeq"/>.</summary>
    Task AckedAsync(long ackedSeq, DateTimeOffset at, CancellationToken cancellationToken);

    Task FailedAsync(string error, DateTimeOffset at, CancellationToken cancellationToken);

    Task MenuPulledAsync(int version, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>The store's menu as the puller replaces it (the menu grain).</summary>
public interface IStoreMenu
{
    /// <summary>Replaces the menu; the store's new menu version, or why the store refused it.</summary>
    Task<(int? Version, string? Refusal)> ReplaceAsync(MenuDefinition menu, CancellationToken cancellationToken);
}
