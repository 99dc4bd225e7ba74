using Pos.Appliance.Database;

namespace Pos.Appliance.Tests.Database;

/// <summary>The embedded cluster supervisor's decisions, fed observations and a clock: no process, no database.</summary>
public sealed class ClusterWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_running_cluster_is_left_alone()
    {
        var watch = new ClusterWatch(Start);

        Assert.Equal(ClusterAction.None, watch.Observe(alive: true, Start.AddSeconds(1)));
        Assert.Equal(ClusterAction.None, watch.Observe(alive: true, Start.AddSeconds(2)));
        Assert.Equal(new ClusterHealth(ClusterState.Running, Start), watch.Health);
        Assert.Equal("running", watch.Health.ToString());
    }

    [Fact]
    public void A_cluster_that_dies_is_started_again_at_once_and_said_to_be_restarting()
    {
        var watch = new ClusterWatch(Start);
        var died = Start.AddSeconds(5);

        Assert.Equal(ClusterAction.RestartAfterDeath, watch.Observe(alive: false, died));

        Assert.Equal(new ClusterHealth(ClusterState.Restarting, died, 1, "the server process is gone", died), watch.Health);
        Assert.Equal("restarting (attempt 1): the server process is gone", watch.Health.ToString());
    }

    [Fact]
    public void While_it_is_restarting_each_attempt_starts_it_and_a_failure_is_said_with_the_next_attempts_time()
    {
        var watch = new ClusterWatch(Start);
        var now = Start.AddSeconds(1);
        watch.Observe(alive: false, now);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // The restart's retry times the attempts; the watch says each one is to start it.
            Assert.Equal(ClusterAction.Start, watch.Observe(alive: false, now));
            watch.StartFailed("FATAL:  could not write lock file \"postmaster.pid\": No space left on device", now, TimeSpan.FromSeconds(attempt));
            Assert.Equal(now.AddSeconds(attempt), watch.Health.NextAttemptAt);
            now = now.AddSeconds(attempt);
        }

        Assert.Equal(4, watch.Health.Attempt);
        Assert.Equal(ClusterState.Restarting, watch.Health.State);
        Assert.Equal(Start.AddSeconds(1), watch.Health.Since);
        Assert.Equal("restarting (attempt 4): FATAL:  could not write lock file \"postmaster.pid\": No space left on device", watch.Health.ToString());
    }

    [Fact]
    public void A_start_that_works_makes_it_running_and_the_next_death_counts_from_attempt_1_again()
    {
        var watch = new ClusterWatch(Start);
        watch.Observe(alive: false, Start.AddSeconds(1));
        watch.StartFailed("could not start server", Start.AddSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(ClusterAction.Start, watch.Observe(alive: false, Start.AddSeconds(2)));

        watch.Started(Start.AddSeconds(3));

        Assert.Equal(new ClusterHealth(ClusterState.Running, Start.AddSeconds(3)), watch.Health);
        Assert.Equal(ClusterAction.None, watch.Observe(alive: true, Start.AddSeconds(4)));
        Assert.Equal(ClusterAction.RestartAfterDeath, watch.Observe(alive: false, Start.AddSeconds(60)));
        Assert.Equal(1, watch.Health.Attempt);
    }

    [Fact]
    public void A_cluster_someone_else_started_while_it_was_restarting_is_running_again()
    {
        var watch = new ClusterWatch(Start);
        watch.Observe(alive: false, Start.AddSeconds(1));
        watch.StartFailed("could not start server", Start.AddSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal(ClusterAction.Recovered, watch.Observe(alive: true, Start.AddSeconds(1.5)));

        Assert.Equal(ClusterState.Running, watch.Health.State);
        Assert.Equal(ClusterAction.None, watch.Observe(alive: true, Start.AddSeconds(3)));
    }

    [Fact]
    public void Once_the_appliance_stops_nothing_is_started_any_more()
    {
        var watch = new ClusterWatch(Start);
        watch.Observe(alive: false, Start.AddSeconds(1));

        watch.Stop(Start.AddSeconds(2));
        watch.Started(Start.AddSeconds(3)); // a start already under way when the stop came
        watch.StartFailed("could not start server", Start.AddSeconds(3), TimeSpan.FromSeconds(1));

        Assert.Equal(ClusterAction.None, watch.Observe(alive: false, Start.AddSeconds(30)));
        Assert.Equal(ClusterAction.None, watch.Observe(alive: true, Start.AddSeconds(31)));
        Assert.Equal("stopped", watch.Health.ToString());
    }
}
