using Pos.Client.Outbox;

namespace Pos.Client.Storage;

/// <summary>
/// Where a device keeps what must outlive its process: the outbox (commands not yet answered, in order) and named
/// documents (the menu, the open orders, the device's identity). An implementation makes each call durable before
/// its task completes: a command whose <see cref="AppendAsync"/> completed is there after a crash or a power cut.
/// Implementations: <see cref="FileClientStore"/> (a terminal), <see cref="MemoryClientStore"/> (tests and
/// short-lived tools); the staff app keeps them in the browser's IndexedDB.
/// </summary>
public interface IClientStore
{
    /// <summary>The queued commands, in the order they were appended.</summary>
    Task<IReadOnlyList<QueuedCommand>> LoadOutboxAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends commands at the end of the outbox, durably, in the order given.</summary>
    Task AppendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken = default);

    /// <summary>Removes answered commands; ids not in the outbox are ignored.</summary>
    Task RemoveAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken = default);

    /// <summary>The document kept under <paramref name="name"/> (JSON text), or null.</summary>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces the document kept under <paramref name="name"/>, durably and whole (never half written).</summary>
    Task WriteAsync(string name, string json, CancellationToken cancellationToken = default);
}
