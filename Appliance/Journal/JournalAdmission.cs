using Pos.Grains.Journal;

namespace Pos.Appliance.Journal;

/// <summary>What the journal knew when a batch was decided: nothing here is read during the decision.</summary>
/// <param name="Head">The seq of the last committed event.</param>
/// <param name="Versions">Each stream of the batch at its committed version (0: no events yet).</param>
/// <param name="TakenKeys">The batch's answer keys that already have an answer.</param>
/// <param name="Sealed">The business dates sealed: they take no more events.</param>
/// <param name="LastSeqOfSealing">For each date the batch seals, the seq of its last committed event.</param>
internal sealed record JournalFacts(
    long Head,
    IReadOnlyDictionary<string, int> Versions,
    IReadOnlySet<string> TakenKeys,
    IReadOnlySet<DateOnly> Sealed,
    IReadOnlyDictionary<DateOnly, long> LastSeqOfSealing);

/// <summary>A batch decided: each append's result in order, the rows to write, and the journal as it will be once they commit.</summary>
internal sealed class JournalAdmission
{
    private JournalAdmission(int count) => Results = new AppendResult[count];

    public AppendResult[] Results { get; }
    public JournalRows Rows { get; } = new();
    public ResponseRows Responses { get; } = new();
    public long Head { get; private set; }
    public Dictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);
    public HashSet<DateOnly> Sealed { get; } = [];
    public bool WritesAnything => Rows.Count > 0 || Responses.Count > 0;

    /// <summary>
    /// The journal's rules, in batch order, each append seeing the ones before it: a sealed date takes nothing; an
    /// answer with no events takes only its key; a stream (and each linked stream) must be at its expected version;
    /// a seal holds only if no event of its date came after the one it counted; a key can be taken once. Accepted
    /// appends get the next seqs, their linked streams' events right after their own.
    /// </summary>
    public static JournalAdmission Decide(IReadOnlyList<StreamAppend> batch, JournalFacts facts)
    {
        var admission = new JournalAdmission(batch.Count) { Head = facts.Head };
        foreach (var (stream, version) in facts.Versions)
        {
            admission.Versions[stream] = version;
        }
        var taken = new HashSet<string>(facts.TakenKeys, StringComparer.Ordinal);
        var sealing = new Dictionary<DateOnly, long>(facts.LastSeqOfSealing);
        for (var i = 0; i < batch.Count; i++)
        {
            admission.Results[i] = admission.Admit(batch[i], facts.Sealed, taken, sealing);
        }
        return admission;
    }

    private AppendResult Admit(StreamAppend a, IReadOnlySet<DateOnly> wasSealed, HashSet<string> taken, Dictionary<DateOnly, long> sealing)
    {
        bool IsSealed(DateOnly d) => wasSealed.Contains(d) || Sealed.Contains(d);
        var current = Versions.GetValueOrDefault(a.StreamId);
        if ((a.BusinessDate is { } date && IsSealed(date)) || a.Linked.Any(l => l.BusinessDate is { } d && IsSealed(d)))
        {
            return new AppendResult(AppendOutcome.DaySealed, 0, 0, current);
        }
        if (a.IsRecordOnly)
        {
            // No events: only the answer is kept, so no stream version to check; the key is all that can be taken.
            if (!taken.Add(a.Response!.Key))
            {
                return new AppendResult(AppendOutcome.IdempotencyKeyTaken, 0, 0, 0);
            }
            Responses.Add(a.Response, a.StreamId, firstSeq: null, a.OccurredAt);
            return new AppendResult(AppendOutcome.Appended, 0, 0, 0);
        }
        // A linked stream that moved on fails the whole append too.
        if (current != a.ExpectedVersion || a.Linked.Any(l => Versions.GetValueOrDefault(l.StreamId) != l.ExpectedVersion))
        {
            return AppendResult.Conflict(current);
        }
        // A seal holds only if no event of its date came after the one it counted up to (here or earlier in this batch).
        if (a.Seals.Any(d => IsSealed(d.BusinessDate) || sealing.GetValueOrDefault(d.BusinessDate) != d.LastSeq))
        {
            return AppendResult.Conflict(current);
        }
        if (a.Response is { } r && !taken.Add(r.Key))
        {
            return new AppendResult(AppendOutcome.IdempotencyKeyTaken, 0, 0, current);
        }
        var first = Head + 1;
        var version = current;
        foreach (var e in a.Events)
        {
            Rows.Add(++Head, e, a.StreamId, ++version, a, a.BusinessDate);
        }
        if (a.BusinessDate is { } counted && sealing.ContainsKey(counted) && a.Events.Count > 0)
        {
            sealing[counted] = Head;
        }
        foreach (var seal in a.Seals)
        {
            Sealed.Add(seal.BusinessDate);
        }
        Versions[a.StreamId] = version;
        foreach (var linked in a.Linked)
        {
            var linkedVersion = linked.ExpectedVersion;
            foreach (var e in linked.Events)
            {
                Rows.Add(++Head, e, linked.StreamId, ++linkedVersion, a, linked.BusinessDate);
            }
            if (linked.BusinessDate is { } linkedDate && sealing.ContainsKey(linkedDate) && linked.Events.Count > 0)
            {
                sealing[linkedDate] = Head;
            }
            Versions[linked.StreamId] = linkedVersion;
        }
        if (a.Response is { } response)
        {
            Responses.Add(response, a.StreamId, first, a.OccurredAt);
        }
        return new AppendResult(AppendOutcome.Appended, first, Head, version);
    }
}
