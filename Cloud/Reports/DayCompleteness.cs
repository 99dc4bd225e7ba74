using Pos.Contracts.Cloud;

namespace Pos.Cloud.Reports;

/// <summary>
/// Whether the cloud provably holds every event of a store's business date. The proof is the store's own seal
/// (BusinessDaySealed, the latest one for the date): once the store wrote it no event can count for the date
/// again, and it says how many did. The cloud's copy is complete when it holds that seal and exactly that many
/// events of the date. Holding the seal means holding every seq before it, so a seal can only fail to prove the
/// date complete by contradicting what the cloud holds.
/// </summary>
public static class DayCompleteness
{
    /// <summary>(true, null) when complete; otherwise false and a sentence saying what is missing.</summary>
    /// <param name="ackedSeq">The cloud holds the store's journal through this seq.</param>
    /// <param name="headSeq">The store's journal head as it said with its latest batch.</param>
    /// <param name="eventsHeld">How many events of the date the cloud holds.</param>
    /// <param name="seal">The latest seal of the date the cloud holds, or null.</param>
    /// <param name="unreadableSealSeq">The seq of a seal of the date whose data could not be read, if that is the latest.</param>
    public static (bool Complete, string? Reason) Judge(long ackedSeq, long headSeq, long eventsHeld, DaySeal? seal, long? unreadableSealSeq = null)
    {
        var synced = headSeq > ackedSeq
            ? $"synced through seq {ackedSeq}, while the store's journal had reached seq {headSeq} at its last sync"
            : $"synced through seq {ackedSeq}";
        if (unreadableSealSeq is { } bad)
        {
            return (false, $"the store's seal of this date (seq {bad}) cannot be read, so the report cannot be proven complete; {synced}");
        }
        if (seal is null)
        {
            return (false, "the store has not sealed this business date yet (its clock has not passed the end of the day, " +
                $"or orders of the day are still open); {synced}");
        }
        // Holding the seal (at seq S) means holding every seq up to S, and every event it counts came before it; so an
        // honest seal always matches what the cloud holds. Anything else is the store contradicting itself.
        if (eventsHeld != seal.EventCount || seal.LastSeq >= seal.Seq)
        {
            return (false, $"the store's seal of this date (seq {seal.Seq}) counts {seal.EventCount} events through seq {seal.LastSeq}, " +
                $"but the cloud holds {eventsHeld} events of this date (and the store's journal through seq {ackedSeq}): " +
                "the seal disagrees with what the cloud holds, so the figures cannot be proven complete");
        }
        return (true, null);
    }
}
