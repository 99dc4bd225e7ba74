using System.Text.Json.Nodes;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// A deliberately broken rule, for <see cref="BrokenRuleSimulationTests"/>: the journal the grains write through, with
/// every move and split made to forget the order its lines left. Each <c>LinesMovedOut</c> of a move or a split is
/// written with no line ids, as a check-moves rule that took the lines into the other order but never off this one
/// would write it; a merge and a carry-over pass untouched, as does everything else. The orders' grains rebuild from
/// the journal after a move, so each moved line is then served on two orders, which the simulation must catch.
/// </summary>
public sealed class BrokenMoveJournal(IJournal journal) : IJournalStreams
{
    private int _broken;

    /// <summary>How many moves were written broken and landed (a seed that wrote none cannot fail for it).</summary>
    public int Broken => Volatile.Read(ref _broken);

    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        var broken = 0;
        NewEvent Counted(NewEvent e)
        {
            var made = Break(e);
            broken += ReferenceEquals(made, e) ? 0 : 1;
            return made;
        }
        var result = await journal.AppendAsync(append with
        {
            Events = [.. append.Events.Select(Counted)],
            Linked = [.. append.Linked.Select(l => l with { Events = [.. l.Events.Select(Counted)] })],
        }, cancellationToken);
        if (result.Outcome == AppendOutcome.Appended)
        {
            Interlocked.Add(ref _broken, broken); // only a broken move that landed can be caught
        }
        return result;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
        journal.ReadStreamAsync(streamId, cancellationToken);

    private NewEvent Break(NewEvent e)
    {
        if (e.Type != "LinesMovedOut")
        {
            return e;
        }
        var data = JsonNode.Parse(e.Data)!.AsObject();
        if (data["kind"]?.GetValue<string>() is not ("move" or "split") || data["lineIds"] is not JsonArray { Count: > 0 })
        {
            return e;
        }
        data["lineIds"] = new JsonArray();
        return e with { Data = data.ToJsonString() };
    }
}
