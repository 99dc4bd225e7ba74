using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Database;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Database;

/// <summary>The embedded cluster's restart (Polly) on a clock the test moves: how long it waits, and that it never gives up.</summary>
public sealed class ClusterRestartRetryTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_start_that_keeps_failing_is_tried_again_after_1_2_4_8_then_every_10_seconds_until_one_works()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero));
        var failures = new List<(string Error, TimeSpan Wait)>();
        var attemptsAt = new List<DateTimeOffset>();
        var pipeline = ClusterRestartRetry.Build(time, (error, wait) => failures.Add((error, wait)));

        var restart = pipeline.ExecuteAsync(_ =>
        {
            attemptsAt.Add(time.GetUtcNow());
            return ValueTask.FromResult(attemptsAt.Count <= 7 ? new ClusterStartAttempt("No space left on device") : ClusterStartAttempt.Up);
        }).AsTask();
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(restart.IsCompleted);
        }, done => done, Within, "a start to work");

        Assert.Equal(ClusterStartAttempt.Up, await restart);
        var waits = failures.Select(f => f.Wait.TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 10, 10, 10], waits);
        Assert.All(failures, f => Assert.Equal("No space left on device", f.Error));
        // No attempt before its wait is over (nor much after: the test's clock moves a second at a time).
        var gaps = attemptsAt.Zip(attemptsAt.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.All(gaps.Zip(waits), g => Assert.InRange(g.First, g.Second, g.Second + 1));
    }

    [Fact]
    public async Task A_start_that_works_or_an_exception_ends_it_at_once()
    {
        var time = new FakeTimeProvider();
        var failures = 0;
        var pipeline = ClusterRestartRetry.Build(time, (_, _) => failures++);

        Assert.Equal(ClusterStartAttempt.Up, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(ClusterStartAttempt.Up)));
        var error = await Assert.ThrowsAsync<IOException>(async () =>
            await pipeline.ExecuteAsync<ClusterStartAttempt>(_ => throw new IOException("/proc is not readable")));

        Assert.Equal("/proc is not readable", error.Message);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task The_appliance_stopping_ends_the_wait()
    {
        var time = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var pipeline = ClusterRestartRetry.Build(time, (_, _) => stop.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await pipeline.ExecuteAsync(_ => ValueTask.FromResult(new ClusterStartAttempt("could not start server")), stop.Token));
    }
}
