using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Journal;

/// <summary>The journal writer's waits on a clock the test moves: how often it tries again, and that it never gives up.</summary>
public sealed class JournalWriterRetriesTests
{
    [Fact]
    public async Task A_reconnect_waits_from_100_ms_doubling_to_at_most_2_s_and_refuses_the_queue_at_each_failure()
    {
        var time = new FakeTimeProvider();
        var failures = new List<(int Attempt, TimeSpan At)>();
        var start = time.GetUtcNow();
        var tries = 0;
        var pipeline = JournalWriterRetries.Reconnect(time, (_, attempt) => failures.Add((attempt, time.GetUtcNow() - start)));

        var reconnect = pipeline.ExecuteAsync(_ => ++tries < 8 ? throw new IOException("connection refused") : ValueTask.CompletedTask).AsTask();
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return Task.FromResult(reconnect.IsCompleted);
        }, done => done, TimeSpan.FromSeconds(20), "the reconnect to succeed");
        await reconnect;

        Assert.Equal(Enumerable.Range(1, 7), failures.Select(f => f.Attempt));
        Assert.Equal(8, tries);
        // Waits of 0.1, 0.2, 0.4, 0.8, 1.6, 2, 2 s (give or take the 50 ms steps of the test's clock).
        var waited = time.GetUtcNow() - start;
        Assert.InRange(waited.TotalSeconds, 7.1, 7.5);
    }

    [Fact]
    public async Task Waiting_for_the_writer_lock_looks_every_second_until_it_is_free()
    {
        var time = new FakeTimeProvider();
        var refusals = new List<int>();
        var looks = 0;
        var pipeline = JournalWriterRetries.WriterLock(time, refusals.Add);

        var take = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++looks > 3)).AsTask();
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(take.IsCompleted);
        }, done => done, TimeSpan.FromSeconds(20), "the lock to be taken");

        Assert.True(await take);
        Assert.Equal([1, 2, 3], refusals);
        Assert.Equal(4, looks);
    }
}
