using System.Diagnostics;

namespace Pos.Chaos.Load;

/// <summary>
/// A command a device queued: its type, its order, and the id its effect carries in the journal (the line's or the
/// payment's), with the line's tag (its note, printed on the ticket).
/// </summary>
public sealed record SentCommand(string DeviceId, string CommandId, string Type, Guid OrderId, Guid? EffectId = null, string? Tag = null);

/// <summary>What the appliance answered a command (applied, duplicate, merged, conflict, rejected), and when (a Stopwatch timestamp).</summary>
public sealed record AnsweredCommand(SentCommand Command, string Outcome, long At)
{
    /// <summary>Acknowledged: its effect is in the order (applied now, merged, or earlier: a duplicate).</summary>
    public bool Acknowledged => Outcome is "applied" or "duplicate" or "merged";
}

/// <summary>
/// Every command the devices queued and every answer they had, as the devices themselves recorded them: what the
/// checker holds the journal to. Thread-safe.
/// </summary>
public sealed class CommandLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SentCommand> _sent = new(StringComparer.Ordinal);
    private readonly List<(string CommandId, string Outcome, long At)> _answers = [];

    public void Sent(SentCommand command)
    {
        lock (_lock)
        {
            _sent[command.CommandId] = command;
        }
    }

    public void Answered(string commandId, string outcome)
    {
        // The answer may come before the device has noted the command it queued: they are joined when read.
        lock (_lock)
        {
            _answers.Add((commandId, outcome, Stopwatch.GetTimestamp()));
        }
    }

    public IReadOnlyList<SentCommand> AllSent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent.Values];
            }
        }
    }

    public IReadOnlyList<AnsweredCommand> Answers
    {
        get
        {
            lock (_lock)
            {
                return [.. _answers.Select(a => new AnsweredCommand(_sent[a.CommandId], a.Outcome, a.At))];
            }
        }
    }

    /// <summary>How many answers there are so far: where to look from for the first after a moment.</summary>
    public int AnswerCount
    {
        get
        {
            lock (_lock)
            {
                return _answers.Count;
            }
        }
    }

    /// <summary>The first acknowledgement at or after <paramref name="timestamp"/> among the answers from <paramref name="from"/> on, or null.</summary>
    public long? FirstAcknowledgedAfter(int from, long timestamp)
    {
        lock (_lock)
        {
            long? first = null;
            for (var i = from; i < _answers.Count; i++)
            {
                var a = _answers[i];
                if (a.Outcome is "applied" or "duplicate" or "merged" && a.At >= timestamp && (first is null || a.At < first))
                {
                    first = a.At;
                }
            }
            return first;
        }
    }
}
