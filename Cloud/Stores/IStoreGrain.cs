using Pos.Contracts.Journal;


namespace Pos.Cloud.Stores;

/// <summary>
/// One restaurant's journal in the cloud, keyed by storeId. A single activation per store in the whole cluster
/// takes its batches one at a time; the database's conditional checkpoint update guards the rare moment two
/// silos disagree about where that activation lives.
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the events after the acknowledged seq; overlapping events must match by eventId. An accepted batch
    /// also records <paramref name="headSeq"/>, the store's journal head when it sent the batch (when given).
    /// </summary>
    Task<IngestResult> Ingest([Immutable] IReadOnlyList<JournalEntry> events, long? headSeq = null);
}

public enum IngestOutcome
{
    Accepted,
    Gap,
    Conflict,
    Invalid,
    UnknownStore,

    /// <summary>
    /// Another activation of the store moved its checkpoint while the batch was decided, and again when it was decided
    /// once more on the moved one; nothing was stored, send the batch again.
    /// </summary>
    Busy,
}

/// <summary>What became of a batch: the acknowledged seq after it, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("pos.cloud.ingest-result")]
public sealed record IngestResult(
    [property: Id(0)] IngestOutcome Outcome,
    [property: Id(1)] long AckedSeq,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] long? ExpectedSeq = null,
    [property: Id(4)] long? ConflictSeq = null);
