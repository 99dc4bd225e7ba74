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
    /// <summary>How many moves were written broken (a seed that drew none cannot fail for it).</summary>
    public int Broken { get; private set; }

    public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default) =>
        journal.AppendAsync(append with
        {
            Events = [.. append.Events.Select(Break)],
            Linked = [.. append.Linked.Select(l => l with { Events = [.. l.Events.Select(Break)] })],
        }, cancellationToken);

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
        Broken++;
        return e with { Data = data.ToJsonString() };
    }
}
