using Npgsql;
using Pos.Grains.Journal;

namespace Pos.Cloud.Stores;

/// <summary>Ingests one store's journal batches in seq order, each batch with its checkpoint in one transaction.</summary>
public sealed class StoreGrain(StoreJournal journal) : Grain, IStoreGrain
{
    /// <summary>How many times a batch is decided on a checkpoint read afresh before the store is told to retry.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// This activation's copy of the store's checkpoint. The database's is the truth: another activation of the same
    /// store (two silos briefly disagreeing where it lives) may have moved it since.
    /// </summary>
    private long? _acked;

    private string StoreId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _acked = await journal.AckedSeqAsync(StoreId, cancellationToken);

    public async Task<IngestResult> Ingest(IReadOnlyList<JournalEntry> events, long? headSeq = null)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // A store registered after this activation, or a checkpoint another activation moved: read it again.
            var readNow = _acked is null;
            _acked ??= await journal.AckedSeqAsync(StoreId);
            if (_acked is not { } acked)
            {
                return new IngestResult(IngestOutcome.UnknownStore, 0, $"Store '{StoreId}' is not registered.");
            }
            if (await TryIngestAsync(events, acked, readNow, headSeq) is { } result)
            {
                return result;
            }
            // What this batch was decided on is out of date: decide again on the database's checkpoint.
            _acked = null;
        }
        return new IngestResult(IngestOutcome.Busy, _acked ?? 0,
            "The store's checkpoint kept moving while this batch was stored (another copy of the store's ingest is running); send it again.");
    }

    /// <summary>The batch's outcome after <paramref name="acked"/>, or null when the checkpoint was not that after all.</summary>
    private async Task<IngestResult?> TryIngestAsync(IReadOnlyList<JournalEntry> events, long acked, bool readNow, long? headSeq)
    {
        if (Check(events) is { } invalid)
        {
            return new IngestResult(IngestOutcome.Invalid, acked, invalid);
        }
        if (events.Count == 0)
        {
            return await NothingNew(acked, headSeq);
        }
        var first = events[0].Seq;
        if (first > acked + 1)
        {
            // Only a checkpoint read just now proves the gap; a remembered one may lag behind another activation's.
            return readNow
                ? new IngestResult(IngestOutcome.Gap, acked,
                    $"The batch starts at seq {first}, but the cloud has everything up to {acked} only; send from {acked + 1}.", ExpectedSeq: acked + 1)
                : null;
        }
        // A retry may overlap what is stored: the overlap must be the very same events.
        var overlap = events.Where(e => e.Seq <= acked).ToList();
        if (overlap.Count > 0)
        {
            var stored = await journal.EventIdsAsync(StoreId, overlap[0].Seq, overlap[^1].Seq);
            if (overlap.FirstOrDefault(e => !stored.TryGetValue(e.Seq, out var id) || id != e.EventId) is { } different)
            {
                return Conflict(acked, different.Seq);
            }
        }
        var fresh = events.Where(e => e.Seq > acked).ToList();
        if (fresh.Count == 0)
        {
            return await NothingNew(acked, headSeq);
        }
        try
        {
            // The update is conditional on the checkpoint still being `acked`; it also queues this transaction behind
            // any other writer of the store, so two activations never both store the same seqs.
            if (!await journal.AppendAsync(StoreId, acked, fresh, headSeq))
            {
                return null;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // An eventId the cloud already holds at another seq.
            _acked = null;
            return Conflict(acked, fresh[0].Seq);
        }
        _acked = fresh[^1].Seq;
        return new IngestResult(IngestOutcome.Accepted, _acked.Value);
    }

    /// <summary>An accepted batch with nothing to store still tells where the store's journal head is.</summary>
    private async Task<IngestResult> NothingNew(long acked, long? headSeq)
    {
        if (headSeq is { } head)
        {
            await journal.RecordHeadAsync(StoreId, head);
        }
        return new IngestResult(IngestOutcome.Accepted, acked);
    }

    private static IngestResult Conflict(long acked, long seq) => new(IngestOutcome.Conflict, acked,
        $"Seq {seq} in the batch is not the event the cloud holds for it (or its eventId is stored elsewhere); the store's journal and the cloud disagree.",
        ConflictSeq: seq);

    private static string? Check(IReadOnlyList<JournalEntry> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Seq < 1 || (i > 0 && e.Seq != events[i - 1].Seq + 1))
            {
                return $"events[{i}]: seqs must be consecutive and start at 1 or later (got {e.Seq}).";
            }
            if (e.EventId == Guid.Empty || string.IsNullOrEmpty(e.StreamId) || e.StreamVersion < 1 || string.IsNullOrEmpty(e.Type))
            {
                return $"events[{i}]: eventId, streamId, streamVersion (1 or more) and type are required.";
            }
        }
        return null;
    }
}
