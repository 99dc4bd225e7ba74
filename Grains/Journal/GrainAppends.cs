using Pos.Contracts.Journal;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Journal;

/// <summary>How a grain appends its events: it changes memory only after a commit it is sure of.</summary>
public static class GrainAppends
{
    /// <summary>
    /// Appends; when the commit's outcome is unknown (an exception) or the stream moved on, calls
    /// <paramref name="reload"/> so the grain rebuilds from the journal before its next command.
    /// </summary>
    public static async Task<AppendResult> AppendOrReloadAsync(this IJournalStreams journal, StreamAppend append, Action reload)
    {
        AppendResult result;
        try
        {
            result = await journal.AppendAsync(append);
        }
        catch
        {
            reload();
            throw;
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            reload();
        }
        return result;
    }

    /// <summary>
    /// The refusal to answer when the database refused the append's data: the command is rejected, nothing of it was
    /// written, and no other command paid for it (the journal writer commits the rest of its batch).
    /// </summary>
    public static CommandError? Refusal(this AppendResult result) => result.Outcome == AppendOutcome.Refused
        ? new CommandError(ErrorCodes.JournalRefused,
            $"The store's database refused this command's data ({result.Reason}); nothing was written. Correct the request and send it again.")
        : null;

    /// <summary>
    /// The answer to keep for the request's key, if it carried one, by reference: the stream's view at
    /// <paramref name="version"/>, rebuilt from its events when the answer is given again. An order's answers are
    /// kept so: a full copy per command would grow with the square of an order's length.
    /// </summary>
    public static KeptAnswer? AnswerAt(this CommandContext context, int version, CommandOutcome? outcome = null) =>
        context.Idempotency is { } key ? new KeptAnswer(key.Key, key.Fingerprint, "", version, outcome?.Name()) : null;

    /// <summary>The append with the people of the command: who was signed in on the device, and who approved it.</summary>
    public static StreamAppend By(this StreamAppend append, CommandContext context) =>
        append with { EmployeeId = context.EmployeeId, ApprovedBy = context.ApprovedBy };

    /// <summary>The answer to keep for the command's key, if it has one: <paramref name="body"/> itself, at <paramref name="version"/>.</summary>
    public static KeptAnswer? ResponseFor<T>(this CommandContext context, T body, int version, CommandOutcome? outcome = null) =>
        context.Idempotency is { } key ? new KeptAnswer(key.Key, key.Fingerprint, EventJson.Serialize(body), version, outcome?.Name()) : null;
}
