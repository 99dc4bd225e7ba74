namespace Pos.Grains.Journal;

/// <summary>
/// Tells whoever waits on the journal after a <see cref="JournalUnavailableException"/> that it is back: the host calls
/// <see cref="Returned"/> when the journal's database answers again (the writer reconnected, the database was
/// restarted). A waiter notes <see cref="Generation"/> before it tries, and waits with that, so a return that comes
/// between its failure and its wait is not missed. A return nobody reported is found by trying again after at most
/// <see cref="RetryAtMost"/>, on the host's clock (real time: the database comes back in real time, whatever the
/// store clock says).
/// </summary>
public sealed class JournalAvailability(TimeProvider time)
{
    /// <summary>The longest wait before trying the journal again when no return was reported.</summary>
    public static readonly TimeSpan RetryAtMost = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _generation;

    /// <summary>How many returns were reported so far.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>The journal answers again: wakes every waiter.</summary>
    public void Returned()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _generation++;
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }

    /// <summary>
    /// Completes when a return was reported after <paramref name="seen"/> (at once if one was already), or after
    /// <see cref="RetryAtMost"/>, whichever comes first.
    /// </summary>
    public Task WhenReturnedAsync(long seen, CancellationToken cancellationToken)
    {
        Task returned;
        lock (_gate)
        {
            if (_generation != seen)
            {
                return Task.CompletedTask;
            }
            returned = _next.Task;
        }
        return WaitAsync(returned, cancellationToken);
    }

    private async Task WaitAsync(Task returned, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(returned, Task.Delay(RetryAtMost, time, timeout.Token)).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
