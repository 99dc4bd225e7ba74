using Pos.Contracts.Problems;

namespace Pos.Api.Commands;

/// <summary>
/// The policy point of the command pipeline: asked before every order command runs, from a single route or from a
/// device's batch alike, with the sender and the command's name (<c>open</c>, <c>add-line</c>, <c>void-line</c>,
/// <c>fire</c>, <c>add-payment</c>, <c>close</c>). A refusal is answered as a 403 problem and nothing runs.
/// </summary>
public interface ICommandPolicy
{
    /// <summary>Null when <paramref name="deviceId"/> may send <paramref name="command"/>; else why not.</summary>
    CommandError? Authorize(string deviceId, string command);
}

/// <summary>
/// Today's rule: every authenticated device may send every order command (device registration, the one act kept for
/// the admin, is refused at its route). Roles and people refine this table.
/// </summary>
public sealed class EveryDeviceSendsOrderCommands : ICommandPolicy
{
    public CommandError? Authorize(string deviceId, string command) => null;
}
