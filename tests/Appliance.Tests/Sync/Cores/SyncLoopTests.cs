using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Hosting;
using Pos.Appliance.Sync;

namespace Pos.Appliance.Tests.Sync.Cores;

/// <summary>The sync loop's decisions as pure code: what a run does next, and when it tries again after a failure.</summary>
public sealed class SyncLoopTests
{
    private static readonly SyncOptions Options = new() { MaxBackoff = TimeSpan.FromSeconds(60), MenuPullEvery = TimeSpan.FromSeconds(60), Linger = TimeSpan.FromSeconds(30) };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    private readonly SyncLoop _loop;

    public SyncLoopTests() => _loop = new SyncLoop(Options, _time);

    [Fact]
    public void A_run_seals_then_ships_until_caught_up_pulls_the_menu_when_due_lingers_and_ends()
    {
        Assert.IsType<SyncStep.Seal>(SyncLoop.Begin());
        Assert.IsType<SyncStep.Ship>(_loop.Next(new SyncOutcome.Sealed(0)));
        Assert.IsType<SyncStep.Ship>(_loop.Next(new SyncOutcome.Shipped(0, 500, 500)));
        Assert.IsType<SyncStep.PullMenu>(_loop.Next(new SyncOutcome.CaughtUp()));
        Assert.Equal(new SyncStep.Linger(TimeSpan.FromSeconds(30)), _loop.Next(new SyncOutcome.MenuPulled(null, null, null)));
        Assert.IsType<SyncStep.End>(_loop.Next(new SyncOutcome.Lingered(Nudged: false)));
        Assert.True(_loop.Online);
        Assert.Null(_loop.NextAttemptAt);
    }

    [Fact]
    public void New_events_while_lingering_start_the_round_again_and_the_menu_waits_for_its_time()
    {
        _loop.Next(new SyncOutcome.MenuPulled(null, null, null));
        Assert.IsType<SyncStep.Seal>(_loop.Next(new SyncOutcome.Lingered(Nudged: true)));
        _time.Advance(TimeSpan.FromSeconds(50));
        // Caught up, the menu due in 10 s: linger that long only.
        Assert.Equal(new SyncStep.Linger(TimeSpan.FromSeconds(10)), _loop.Next(new SyncOutcome.CaughtUp()));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.IsType<SyncStep.Seal>(_loop.Next(new SyncOutcome.Lingered(Nudged: false)));
        Assert.IsType<SyncStep.PullMenu>(_loop.Next(new SyncOutcome.CaughtUp()));
    }

    [Fact]
    public void A_cloud_away_ends_the_run_and_the_next_attempt_waits_longer_each_time_up_to_the_max()
    {
        var delays = Enumerable.Range(1, 9).Select(_ => Assert.IsType<SyncStep.RetryLater>(_loop.Next(new SyncOutcome.CloudFailed("away"))).After.TotalSeconds);

        Assert.Equal([1.0, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        Assert.False(_loop.Online);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(60), _loop.NextAttemptAt);
        Assert.Equal(9, _loop.Failures);

        // The cloud answers: online, and the next failure starts from a second again.
        _loop.Next(new SyncOutcome.Shipped(0, 10, 10));
        Assert.True(_loop.Online);
        Assert.Null(_loop.NextAttemptAt);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<SyncStep.RetryLater>(_loop.Next(new SyncOutcome.CloudFailed("away"))).After);
    }

    [Fact]
    public void An_ack_short_of_the_batch_is_a_failure_said_in_words()
    {
        var step = Assert.IsType<SyncStep.RetryLater>(_loop.Next(new SyncOutcome.Shipped(0, 3, 5)));

        Assert.Equal("The cloud acknowledged seq 3 for a batch up to 5.", step.Reason);
    }

    [Fact]
    public void The_stores_database_away_says_nothing_about_the_cloud()
    {
        _loop.Next(new SyncOutcome.CloudFailed("away"));
        _loop.Next(new SyncOutcome.CloudFailed("away"));
        var due = _loop.NextAttemptAt;

        Assert.Equal(new SyncStep.WaitForDatabase("connection refused"), _loop.Next(new SyncOutcome.DatabaseAway("connection refused")));

        Assert.False(_loop.Online);
        Assert.Equal(2, _loop.Failures);
        Assert.Equal(due, _loop.NextAttemptAt);
    }

    [Fact]
    public void A_bug_is_a_failed_attempt_said_as_the_appliances()
    {
        var step = Assert.IsType<SyncStep.RetryLater>(_loop.Next(new SyncOutcome.Broke(new InvalidOperationException("a bug"))));

        Assert.Equal("Sync failed on the appliance: a bug", step.Reason);
    }

    [Fact]
    public void A_menu_the_store_refused_is_a_failure_and_is_not_asked_for_again_before_its_time()
    {
        Assert.IsType<SyncStep.RetryLater>(_loop.Next(new SyncOutcome.MenuPulled(null, null, "refused")));

        Assert.IsNotType<SyncStep.PullMenu>(_loop.Next(new SyncOutcome.CaughtUp()));
    }

    [Theory]
    [InlineData(60, 66)]
    [InlineData(2, 1801)]
    public void A_job_is_retried_for_about_an_hour(int maxSeconds, int attempts)
    {
        var max = TimeSpan.FromSeconds(maxSeconds);
        Assert.Equal(attempts, SyncLoop.RetryAttempts(max));
        var hour = Enumerable.Range(1, attempts).Sum(i => SyncLoop.RetryDelay(i, max).TotalSeconds);
        Assert.InRange(hour, 3600, 3600 + 2 * maxSeconds + 64);
    }
}
