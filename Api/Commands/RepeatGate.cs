using System.Collections.Concurrent;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Commands;

/// <summary>
/// Recognises a repeat before a command runs: looks up what is kept under its key, knows which keys have a command
/// running in this appliance, and applies <see cref="RepeatRules"/>. One instance per appliance: the single routes
/// (through <c>IdempotencyMiddleware</c>) and the device batches share it, so a key is never run twice at once.
/// </summary>
public sealed class RepeatGate(IKeptAnswerStore journal)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// Judges <paramref name="key"/>. With <see cref="RepeatVerdict.FirstTime"/> the key is held until the returned
    /// check is disposed (after the command's answer is kept). <paramref name="readBefore"/> is what a batch read for
    /// all its keys at once, still current for this key; null makes the gate read the journal.
    /// </summary>
    public async Task<RepeatCheck> CheckAsync(
        RepeatKey key, CommandSource source, CancellationToken cancellationToken, IReadOnlyDictionary<string, KeptAnswer>? readBefore = null)
    {
        while (true)
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _running.GetOrAdd(key.Key, mine);
            var firstStillRunning = !ReferenceEquals(running, mine);
            KeptAnswer? kept = null;
            if (!firstStillRunning)
            {
                try
                {
                    kept = readBefore is not null ? readBefore.GetValueOrDefault(key.Key) : await journal.FindResponseAsync(key.Key, cancellationToken);
                }
                catch
                {
                    Release(key.Key, mine);
                    throw;
                }
            }
            var verdict = RepeatRules.Judge(kept, key.Fingerprint, firstStillRunning, source);
            switch (verdict)
            {
                case RepeatVerdict.WaitForFirst:
                    await running.Task.WaitAsync(cancellationToken);
                    readBefore = null;
                    continue;
                case RepeatVerdict.FirstTime:
                    return new RepeatCheck(verdict, null, () => Release(key.Key, mine));
                default:
                    if (!firstStillRunning)
                    {
                        Release(key.Key, mine);
                    }
                    return new RepeatCheck(verdict, kept, null);
            }
        }
    }

    private void Release(string key, TaskCompletionSource mine)
    {
        _running.TryRemove(new KeyValuePair<string, TaskCompletionSource>(key, mine));
        mine.TrySetResult();
    }
}

/// <summary>The verdict on a key, the answer kept under it (for a repeat or a reused key), and the hold on the key (first time).</summary>
public sealed class RepeatCheck(RepeatVerdict verdict, KeptAnswer? kept, Action? release) : IDisposable
{
    private Action? _release = release;

    public RepeatVerdict Verdict { get; } = verdict;

    public KeptAnswer? Kept { get; } = kept;

    /// <summary>Lets the key go: the next command under it is judged by what the first one kept.</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
