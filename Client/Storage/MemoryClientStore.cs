using Pos.Client.Outbox;

namespace Pos.Client.Storage;

/// <summary>A store in memory: for tests and tools whose outbox need not outlive the process.</summary>
public sealed class MemoryClientStore : IClientStore
{
    private readonly Lock _gate = new();
    private readonly List<QueuedCommand> _outbox = [];
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<QueuedCommand>> LoadOutboxAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QueuedCommand>>([.. _outbox]);
        }
    }

    public Task AppendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _outbox.AddRange(commands);
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken = default)
    {
        var ids = commandIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _outbox.RemoveAll(c => ids.Contains(c.CommandId));
        }
        return Task.CompletedTask;
    }

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.GetValueOrDefault(name));
        }
    }

    public Task WriteAsync(string name, string json, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _documents[name] = json;
        }
        return Task.CompletedTask;
    }
}
