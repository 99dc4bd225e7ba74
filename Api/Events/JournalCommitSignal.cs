namespace Pos.Api.Events;

/// <summary>
/// Wakes the open event streams when the journal has something new: the host calls <see cref="Notify"/> from the
/// journal writer's Committed event (and when the writer reconnects after an outage), so a stream reads the journal
/// right after a commit instead of polling it. Each waiter takes <see cref="Next"/> before it reads, so a commit that
/// lands between its read and its wait still wakes it.
/// </summary>
public sealed class JournalCommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Something was committed: wakes every waiter. Quick and never throws (it runs on the writer's loop).</summary>
    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
