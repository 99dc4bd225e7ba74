using Npgsql;
using Pos.Grains.Journal;

namespace Pos.Cloud.Stores;

/// <summary>Ingests one store's journal batches in seq order, each batch with its checkpoint in one transaction.</summary>
public sealed class StoreGrain(StoreJournal journal) : Grain, IStoreGrain
{
    private long? _acked;

    private string StoreId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _acked = await journal.AckedSeqAsync(StoreId, cancellationToken);

    public async Task<IngestResult> Ingest(IReadOnlyList<JournalEntry> events, long? headSeq = null)
    {
        // A store registered after this activation, or a checkpoint another activation moved: read it again.
        _acked ??= await journal.AckedSeqAsync(StoreId);
        if (_acked is not { } acked)
        {
            return new IngestResult(IngestOutcome.UnknownStore, 0, $"Store '{StoreId}' is not registered.");
        }
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
            return new IngestResult(IngestOutcome.Gap, acked,
                $"The batch starts at seq {first}, but the cloud has everything up to {acked} only; send from {acked + 1}.", ExpectedSeq: acked + 1);
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
            if (!await journal.AppendAsync(StoreId, acked, fresh, headSeq))
            {
                _acked = null;
                return new IngestResult(IngestOutcome.Conflict, acked,
                    "The store's checkpoint moved while this batch was stored; ask for the status and send again.");
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
