using Pos.Client.Outbox;

namespace Pos.Client.Tests.Outbox;

/// <summary>
/// A stand-in for the appliance's batch route with its repeat rule: a command id seen before is answered
/// <c>duplicate</c>; anything else <c>applied</c>. It can be made unreachable, and records every command sent.
/// </summary>
internal sealed class RecordingTransport : ICommandTransport
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public List<QueuedCommand> Sent { get; } = [];
    public List<int> BatchSizes { get; } = [];

    /// <summary>What the outbox said waits besides each batch that reached the appliance (its outbox depth).</summary>
    public List<int> WaitingBesides { get; } = [];
    public bool Reachable { get; set; } = true;

    /// <summary>When set, the appliance applies the batch but the answer is lost on the way back (the connection drops).</summary>
    public bool LoseNextAnswer { get; set; }

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, int waitingBesides, CancellationToken cancellationToken)
    {
        if (Reachable)
        {
            WaitingBesides.Add(waitingBesides);
        }
        return SendAsync(commands, cancellationToken);
    }

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken)
    {
        if (!Reachable)
        {
            return Task.FromResult<BatchAttempt>(new BatchAttempt.Unreachable("connection refused"));
        }
        BatchSizes.Add(commands.Count);
        Sent.AddRange(commands);
        var answers = commands.Select(c => new CommandAnswer(c.CommandId, _seen.Add(c.CommandId) ? "applied" : "duplicate", 1, null, null)).ToList();
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            return Task.FromResult<BatchAttempt>(new BatchAttempt.Unreachable("the connection dropped before the answer"));
        }
        return Task.FromResult<BatchAttempt>(new BatchAttempt.Answered(answers));
    }
}
