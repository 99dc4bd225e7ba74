using System.Text.Json;

namespace Pos.Client.Outbox;

/// <summary>How a batch of queued commands reaches the appliance (<c>POST /api/v1/sync/commands</c>).</summary>
public interface ICommandTransport
{
    Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a batch, saying how many commands wait in the outbox besides it (<paramref name="waitingBesides"/>), which
    /// the appliance keeps as the device's outbox depth for its metrics; a transport that cannot say it sends the batch alone.
    /// </summary>
    Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, int waitingBesides, CancellationToken cancellationToken) =>
        SendAsync(commands, cancellationToken);
}

/// <summary>What one attempt to send a batch came to.</summary>
public abstract record BatchAttempt
{
    /// <summary>The appliance answered every command of the batch, in the order sent.</summary>
    public sealed record Answered(IReadOnlyList<CommandAnswer> Answers) : BatchAttempt;

    /// <summary>
    /// The appliance could not be reached, or is busy or without its database for a moment (503, 429): nothing was
    /// applied that a resend would not find again; the commands wait and are sent again later.
    /// </summary>
    public sealed record Unreachable(string Reason, TimeSpan? RetryAfter = null) : BatchAttempt;

    /// <summary>The appliance does not know this device's token (401): it was revoked, or never paired.</summary>
    public sealed record Unauthorized(string Reason) : BatchAttempt;

    /// <summary>
    /// The appliance refused the batch as a whole (a 4xx other than 401 and 429): a resend would be refused the same
    /// way, so the commands wait, and the person is told. <paramref name="Problem"/> is the problem body, when any.
    /// </summary>
    public sealed record Refused(int Status, string Reason, JsonElement? Problem) : BatchAttempt;
}

/// <summary>The appliance's answer to one command of a batch (see <see cref="SettledCommand"/>).</summary>
public sealed record CommandAnswer(string CommandId, string Outcome, int? Version, JsonElement? Order, JsonElement? Problem);
