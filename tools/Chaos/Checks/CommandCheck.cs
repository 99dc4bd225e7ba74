using System.Text.Json;
using Pos.Chaos.Load;

namespace Pos.Chaos.Checks;

/// <summary>What the journal holds of the devices' commands.</summary>
public sealed record CommandFindings(
    int Sent, int Acknowledged, int Refused, int Unanswered, int Lost, int Duplicated, int RefusedButApplied, IReadOnlyList<string> Details);

/// <summary>
/// The journal against the devices' own record (pure): every acknowledged command's effect is in the journal exactly
/// once (its order opened once, its line added once, its fire once, its payment once, its close once), a command the
/// appliance refused left nothing, and no effect is there twice, acknowledged or not. The journal is gapless and
/// every event id is there once.
/// </summary>
public static class CommandCheck
{
    public static CommandFindings Check(IReadOnlyList<SentCommand> sent, IReadOnlyList<AnsweredCommand> answers, IReadOnlyList<JournalEvent> journal)
    {
        var details = new List<string>();
        for (var i = 0; i < journal.Count; i++)
        {
            if (journal[i].Seq != i + 1)
            {
                details.Add($"the journal is not gapless: event {i + 1} has seq {journal[i].Seq}");
                break;
            }
        }
        var doubledIds = journal.GroupBy(e => e.EventId).Count(g => g.Count() > 1);
        if (doubledIds > 0)
        {
            details.Add($"{doubledIds} event id(s) twice in the journal");
        }

        var streams = journal.Where(e => e.StreamId.StartsWith("order-", StringComparison.Ordinal)).ToLookup(e => e.StreamId);
        var byCommand = answers.ToLookup(a => a.Command.CommandId);
        int acknowledged = 0, refused = 0, unanswered = 0, lost = 0, duplicated = 0, refusedButApplied = 0;
        foreach (var command in sent)
        {
            var outcomes = byCommand[command.CommandId].ToList();
            var acked = outcomes.Any(o => o.Acknowledged);
            var found = Effects(command, streams[$"order-{command.OrderId}"]);
            if (acked)
            {
                acknowledged++;
            }
            else if (outcomes.Count > 0)
            {
                refused++;
            }
            else
            {
                unanswered++;
            }
            if (acked && found == 0)
            {
                lost++;
                details.Add($"lost: {command.DeviceId} {command.Type} on order {command.OrderId} ({command.CommandId}) was acknowledged and is not in the journal");
            }
            if (found > 1)
            {
                duplicated++;
                details.Add($"doubled: {command.DeviceId} {command.Type} on order {command.OrderId} ({command.CommandId}) is in the journal {found} times");
            }
            if (!acked && outcomes.Count > 0 && found > 0)
            {
                refusedButApplied++;
                details.Add($"refused but applied: {command.DeviceId} {command.Type} on order {command.OrderId} ({command.CommandId}) answered {outcomes[0].Outcome}");
            }
        }
        return new CommandFindings(sent.Count, acknowledged, refused, unanswered, lost, duplicated, refusedButApplied, details);
    }

    /// <summary>How many times the command's effect is in its order's stream.</summary>
    private static int Effects(SentCommand command, IEnumerable<JournalEvent> stream) => command.Type switch
    {
        "open-order" => stream.Count(e => e.Type == "OrderOpened"),
        "add-line" => stream.Count(e => e.Type == "LineAdded" && Id(e.Data, "lineId") == command.EffectId),
        "fire" => stream.Count(e => e.Type == "OrderFired"),
        "add-payment" => stream.Count(e => e.Type == "PaymentAdded" && Id(e.Data, "paymentId") == command.EffectId),
        "close" => stream.Count(e => e.Type == "OrderClosed"),
        _ => throw new InvalidOperationException($"The checker does not know the command type {command.Type}."),
    };

    private static Guid? Id(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetGuid() : null;
}
