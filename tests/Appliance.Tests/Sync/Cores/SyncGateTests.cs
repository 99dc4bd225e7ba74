using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Hosting;
using Pos.Appliance.Sync;

namespace Pos.Appliance.Tests.Sync.Cores;

/// <summary>Which trigger starts a sync run, as pure code: one at a time, one job queued at most, none while a retry is scheduled.</summary>
public sealed class SyncGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    private readonly SyncGate _gate;

    public SyncGateTests() => _gate = new SyncGate(_time, SyncGate.SchedulePollingFor(TimeSpan.FromSeconds(60)));

    [Fact]
    public void Appends_enqueue_one_job_and_no_more_until_it_starts()
    {
        Assert.Equal(NudgeAction.Enqueue, _gate.Nudge());
        Assert.Equal(NudgeAction.None, _gate.Nudge());
        Assert.True(_gate.TryStart("1"));
        Assert.False(_gate.TryStart("2")); // the recurring job, while the run goes on: it ends at once
        Assert.Equal(NudgeAction.None, _gate.Nudge()); // wakes the run instead
        Assert.False(_gate.TryEnd()); // the run saw the nudge: it goes on
        Assert.True(_gate.TryEnd());
        Assert.Equal(NudgeAction.Enqueue, _gate.Nudge());
    }

    [Fact]
    public async Task A_nudge_wakes_a_lingering_run()
    {
        Assert.True(_gate.TryStart(null));
        var linger = _gate.LingerAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        _gate.Nudge();
        Assert.True(await linger.WaitAsync(TimeSpan.FromSeconds(10)));

        var quiet = _gate.LingerAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await quiet.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void While_a_retry_is_scheduled_appends_enqueue_nothing_and_only_the_retry_runs()
    {
        Assert.True(_gate.TryStart("7"));
        _gate.Failed(retryJobId: "7", _time.GetUtcNow() + TimeSpan.FromSeconds(60));

        Assert.Equal(NudgeAction.None, _gate.Nudge());
        Assert.False(_gate.TryStart("8")); // the recurring job
        Assert.False(_gate.TryStart(null));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(_gate.TryStart("7"));
        Assert.Null(_gate.RetryJobId);
    }

    [Fact]
    public void After_the_last_retry_the_next_append_enqueues_again()
    {
        Assert.True(_gate.TryStart("7"));
        _gate.Failed(retryJobId: null, _time.GetUtcNow());

        Assert.Equal(NudgeAction.Enqueue, _gate.Nudge());
    }

    [Fact]
    public void A_retry_that_never_comes_deleted_in_the_dashboard_say_lets_another_job_attempt()
    {
        Assert.True(_gate.TryStart("7"));
        _gate.Failed(retryJobId: "7", _time.GetUtcNow() + TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(60) + _gate.RetryLostAfter - TimeSpan.FromSeconds(1));
        Assert.False(_gate.TryStart("9")); // late, not yet lost
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_gate.TryStart("9"));
        Assert.Equal(TimeSpan.FromSeconds(40), _gate.RetryLostAfter); // two polls of 15 s and 10 s to fetch
    }

    [Fact]
    public void A_run_the_database_cut_short_resumes_on_the_next_commit_not_through_a_job()
    {
        Assert.True(_gate.TryStart("1"));
        _gate.WaitingForDatabase();

        Assert.True(_gate.DatabaseReturned());
        Assert.Equal(NudgeAction.Resume, _gate.Nudge());
        Assert.True(_gate.TryStart(null));
        Assert.False(_gate.DatabaseAway);
    }

    /// <summary>
    /// An hour of cloud outage in a busy store (an append every second): the Hangfire jobs the sync makes and the
    /// attempts it sends, driven by the gate and the loop as the shell drives them, with Hangfire's retries after the
    /// loop's delays. The row count this means for Hangfire's tables is argued in docs/SYNC.md.
    /// </summary>
    [Fact]
    public void An_hour_of_cloud_outage_makes_one_job_retried_with_growing_delays_and_no_job_per_append()
    {
        var options = new SyncOptions { MaxBackoff = TimeSpan.FromSeconds(60) };
        var loop = new SyncLoop(options, _time);
        var attemptsAllowed = SyncLoop.RetryAttempts(options.MaxBackoff);
        var retryCounts = new Dictionary<string, int>();
        (string Id, DateTimeOffset Due)? scheduled = null;
        int enqueued = 0, recurring = 0, attempts = 0, appends = 0;

        void Run(string id)
        {
            if (!_gate.TryStart(id))
            {
                return;
            }
            attempts++;
            var retry = Assert.IsType<SyncStep.RetryLater>(loop.Next(new SyncOutcome.CloudFailed("The cloud cannot be reached")));
            var retried = retryCounts.GetValueOrDefault(id) < attemptsAllowed;
            _gate.Failed(retried ? id : null, _time.GetUtcNow() + retry.After);
            if (retried)
            {
                retryCounts[id] = retryCounts.GetValueOrDefault(id) + 1;
                scheduled = (id, _time.GetUtcNow() + retry.After); // Hangfire's AutomaticRetry: the same job, scheduled
            }
            else
            {
                scheduled = null; // deleted after its last retry
            }
        }

        for (var second = 0; second < 3600; second++)
        {
            appends++;
            if (_gate.Nudge() == NudgeAction.Enqueue)
            {
                enqueued++;
                Run($"enqueued-{enqueued}");
            }
            if (second % 60 == 0)
            {
                recurring++;
                Run($"recurring-{recurring}");
            }
            if (scheduled is { } s && _time.GetUtcNow() >= s.Due)
            {
                Run(s.Id);
            }
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3600, appends);
        Assert.Equal(1, enqueued); // the first append's job, retried all hour: no job for the other 3,599
        Assert.Equal(60, recurring); // the recurring job's rows, as when online: each ended at once without a query
        Assert.InRange(attempts, 60, 66); // 1, 2, 4 ... 32 s, then a minute apart
        Assert.Equal(attempts, retryCounts["enqueued-1"]); // every failure of it was retried by Hangfire
        Assert.False(loop.Online);
    }
}
