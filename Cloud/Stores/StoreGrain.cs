using Npgsql;
using Orleans.Placement;
using Pos.Contracts.Journal;

namespace Pos.Cloud.Stores;

/// <summary>Ingests one store's journal batches in seq order, each batch with its checkpoint in one transaction.</summary>
/// <remarks>
/// Placed by activation count: every store grain does the same kind of work (one store's batches into PostgreSQL), so
/// what spreads the load is how many stores each silo holds. A new activation goes to the less busy of two silos
/// picked at random, by their activation counts, so a silo that joins takes the stores activated after it joins (a
/// removed silo's stores among them) until the counts are even. Orleans' default (resource-optimized, from CPU and
/// memory) follows readings that, for silos started together or sharing a machine, say little about stores, and hash
/// placement ignores load altogether. Where a store's batch enters the cluster does not matter: the HTTP route calls
/// the grain wherever it lives.
/// </remarks>
[ActivationCountBasedPlacement]
public sealed class StoreGrain(StoreJournal journal) : Grain, IStoreGrain
{
    /// <summary>
    /// This activation's copy of the store's checkpoint. The database's is the truth: another activation of the same
    /// store (two silos briefly disagreeing where it lives) may have moved it since.
    /// </summary>
    private long? _acked;

    /// <summary>The store's latest dates folded so far, so each batch folds only its own events into their figures.</summary>
    private readonly DayFolds _folds = new();

    private string StoreId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _acked = await journal.AckedSeqAsync(StoreId, cancellationToken);

    public async Task<IngestResult> Ingest(IReadOnlyList<JournalEntry> events, long? headSeq = null)
    {
        if (Check(events) is { } invalid)
        {
            return new IngestResult(IngestOutcome.Invalid, _acked ?? 0, invalid);
        }
        // A store registered after this activation: read its checkpoint now.
        var readNow = _acked is null;
        _acked ??= await journal.AckedSeqAsync(StoreId);
        if (_acked is not { } acked)
        {
            return UnknownStore();
        }
        var decided = await DecideAsync(events, acked, readNow, headSeq);
        if (decided.Stale is { } actual)
        {
            // What the batch was decided on is out of date (another activation of the store moved the checkpoint):
            // decide once more, on the checkpoint the database has.
            _acked = actual;
            decided = await DecideAsync(events, actual, readNow: true, headSeq);
        }
        if (decided.Stale is { } movedAgain)
        {
            _acked = movedAgain;
            return new IngestResult(IngestOutcome.Busy, movedAgain,
                "The store's checkpoint kept moving while this batch was stored (another copy of the store's ingest is running); send it again.");
        }
        return decided.Result!;
    }

    /// <summary>
    /// The batch's outcome after <paramref name="acked"/>; or, when the checkpoint was not that after all, the one
    /// the database has (<see cref="Decision.Stale"/>). <paramref name="readNow"/>: whether <paramref name="acked"/>
    /// was just read from the database.
    /// </summary>
    private async Task<Decision> DecideAsync(IReadOnlyList<JournalEntry> events, long acked, bool readNow, long? headSeq)
    {
        if (events.Count == 0)
        {
            return new(await NothingNew(acked, headSeq));
        }
        var first = events[0].Seq;
        if (first > acked + 1)
        {
            // Only a checkpoint read just now proves the gap; a remembered one may lag behind another activation's.
            return readNow
                ? new(new IngestResult(IngestOutcome.Gap, acked,
                    $"The batch starts at seq {first}, but the cloud has everything up to {acked} only; send from {acked + 1}.", ExpectedSeq: acked + 1))
                : Moved(await journal.AckedSeqAsync(StoreId));
        }
        // A retry may overlap what is stored: the overlap must be the very same events.
        var overlap = events.Where(e => e.Seq <= acked).ToList();
        if (overlap.Count > 0)
        {
            // A seq up to the checkpoint that is not held any more had its raw event deleted (POS_CLOUD_RAW_EVENT_DAYS):
            // it was held, and cannot be compared now.
            var stored = await journal.EventIdsAsync(StoreId, overlap[0].Seq, overlap[^1].Seq);
            if (overlap.FirstOrDefault(e => stored.TryGetValue(e.Seq, out var id) && id != e.EventId) is { } different)
            {
                return new(Conflict(acked, different.Seq));
            }
        }
        var fresh = events.Where(e => e.Seq > acked).ToList();
        if (fresh.Count == 0)
        {
            return new(await NothingNew(acked, headSeq));
        }
        StoreAppendResult appended;
        try
        {
            // The update is conditional on the checkpoint still being `acked`; it also queues this transaction behind
            // any other writer of the store, so two activations never both store the same seqs.
            appended = await journal.AppendAsync(StoreId, acked, fresh, headSeq, _folds);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // An eventId the cloud already holds at another seq.
            _acked = null;
            return new(Conflict(acked, fresh[0].Seq));
        }
        if (!appended.Stored)
        {
            return Moved(appended.AckedSeq);
        }
        _acked = fresh[^1].Seq;
        return new(new IngestResult(IngestOutcome.Accepted, _acked.Value));
    }

    /// <summary>The database's checkpoint is <paramref name="acked"/>, not the one the batch was decided on.</summary>
    private Decision Moved(long? acked) => acked is { } now ? new(null, now) : new(UnknownStore());

    private IngestResult UnknownStore() => new(IngestOutcome.UnknownStore, 0, $"Store '{StoreId}' is not registered.");

    /// <summary>A batch's outcome, or (when <see cref="Result"/> is null) the checkpoint to decide it on again.</summary>
    private readonly record struct Decision(IngestResult? Result, long? Stale = null);

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
