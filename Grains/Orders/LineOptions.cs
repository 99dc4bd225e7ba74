using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Orders;

/// <summary>
/// The options of a line checked against its item's modifier groups as the menu stands when the line is decided:
/// each choice names a group of the item and one of its options, no option twice, each group between its min and max
/// (a group with min 1 or more is required). The chosen options keep their names and prices as they are now.
/// </summary>
public static class LineOptions
{
    /// <summary>The options as the line records them, in the order sent, or the refusal naming the field.</summary>
    public static (IReadOnlyList<ChosenOption> Chosen, CommandError? Error) Choose(MenuItem item, IReadOnlyList<OptionChoice>? choices)
    {
        var groups = item.ModifierGroups ?? [];
        var sent = choices ?? [];
        var chosen = new List<ChosenOption>(sent.Count);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sent.Count; i++)
        {
            var choice = sent[i];
            var group = groups.FirstOrDefault(g => string.Equals(g.Id, choice.GroupId, StringComparison.Ordinal));
            if (group is null)
            {
                return Refuse($"options[{i}].groupId",
                    $"'{choice.GroupId}' is not a modifier group of '{item.Id}'" + (groups.Count == 0 ? " (it has none)." : $"; its groups are {Ids(groups.Select(g => g.Id))}."));
            }
            var option = group.Options.FirstOrDefault(o => string.Equals(o.Id, choice.OptionId, StringComparison.Ordinal));
            if (option is null)
            {
                return Refuse($"options[{i}].optionId",
                    $"'{choice.OptionId}' is not an option of the group '{group.Id}'; its options are {Ids(group.Options.Select(o => o.Id))}.");
            }
            if (chosen.Any(c => c.GroupId == group.Id && c.OptionId == option.Id))
            {
                return Refuse($"options[{i}]", $"the option '{option.Id}' of the group '{group.Id}' is chosen twice; send it once.");
            }
            counts[group.Id] = counts.GetValueOrDefault(group.Id) + 1;
            if (counts[group.Id] > group.Max)
            {
                return Refuse($"options[{i}]", $"the group '{group.Id}' ({group.Name}) takes at most {group.Max} option{(group.Max == 1 ? "" : "s")}.");
            }
            chosen.Add(new ChosenOption(group.Id, group.Name, option.Id, option.Name, option.PriceMinor));
        }
        foreach (var group in groups)
        {
            if (counts.GetValueOrDefault(group.Id) < group.Min)
            {
                return Refuse("options", group.Min == 1 && counts.GetValueOrDefault(group.Id) == 0
                    ? $"the group '{group.Id}' ({group.Name}) is required: choose one of its options."
                    : $"the group '{group.Id}' ({group.Name}) needs at least {group.Min} options.");
            }
        }
        return (chosen, null);
    }

    /// <summary>True when the line recorded these choices, in this order.</summary>
    public static bool Same(IReadOnlyList<ChosenOption> recorded, IReadOnlyList<OptionChoice>? choices) =>
        recorded.Select(o => (o.GroupId, o.OptionId)).SequenceEqual((choices ?? []).Select(c => (c.GroupId, c.OptionId)));

    private static string Ids(IEnumerable<string> ids) => string.Join(", ", ids.Take(10).Select(id => $"'{id}'"));

    private static (IReadOnlyList<ChosenOption>, CommandError?) Refuse(string field, string detail) =>
        ([], new CommandError(ErrorCodes.ValidationFailed, detail, field));
}
