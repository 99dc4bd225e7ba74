namespace Pos.Grains.Commands;

/// <summary>
/// What became of a command, in the terms a device syncing a queue of commands needs (docs/CONFLICTS.md).
/// Serialized as the kebab-case strings of the sync contract: applied, duplicate, merged, conflict, rejected.
/// </summary>
public enum CommandOutcome
{
    /// <summary>Events were written, onto the order as the device last knew it.</summary>
    Applied,
    /// <summary>Nothing was written: what the command asks for is already so (a retry, a second close).</summary>
    Duplicate,
    /// <summary>Events were written, and another device had changed the order since the device last did.</summary>
    Merged,
    /// <summary>Refused because of what the order has become (closed, paid, an id already used, If-Match stale); the answer carries the order.</summary>
    Conflict,
    /// <summary>Refused because of the command itself (invalid, unknown order, line or menu item); no order state would make it work.</summary>
    Rejected,
}

public static class CommandOutcomes
{
    /// <summary>The outcome as the sync contract spells it: applied, duplicate, merged, conflict, rejected.</summary>
    public static string Name(this CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Applied => "applied",
        CommandOutcome.Duplicate => "duplicate",
        CommandOutcome.Merged => "merged",
        CommandOutcome.Conflict => "conflict",
        CommandOutcome.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
