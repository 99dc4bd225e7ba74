using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Database;
using Pos.Grains.Journal;
using Pos.Hosting.Database;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Database;

/// <summary>The supervisor's loop around a cluster that misbehaves: no process, no database, a clock the test moves.</summary>
public sealed class EmbeddedClusterSupervisorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero));
    private readonly FakeCluster _cluster = new();
    private readonly ListLogger _log = new();

    private EmbeddedClusterSupervisor NewSupervisor() => new(_cluster, new JournalAvailability(_time), _time, _log);

    [Fact]
    public async Task A_check_that_throws_is_logged_with_its_stack_and_counted_and_the_next_check_still_restarts_a_dead_cluster()
    {
        var supervisor = NewSupervisor();
        supervisor.Start();
        _cluster.NextPid = () => throw new IOException("/proc is not readable for a moment");

        _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
        await Poll.UntilAsync(() => Task.FromResult(_log.Entries), e => e.Any(l => l.Level == LogLevel.Error), Within, "the failed check to be logged");
        Assert.Equal(1, supervisor.WatchFailures);
        var logged = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<IOException>(logged.Exception);
        Assert.NotNull(logged.Exception!.StackTrace);
        Assert.Equal("running", supervisor.Health.ToString());

        // The loop is alive: the postmaster is gone at the next check, and it is started again.
        _cluster.NextPid = () => null;
        _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
        await Poll.UntilAsync(() => Task.FromResult(_cluster.Starts), n => n == 1, Within, "the dead cluster to be started again");
        await Poll.UntilAsync(() => Task.FromResult(supervisor.Health.State), s => s == ClusterState.Running, Within, "the restart to be recorded");

        await supervisor.StopAsync();
        Assert.Equal("stopped", supervisor.Health.ToString());
    }

    [Fact]
    public async Task A_restart_that_fails_is_said_on_health_and_in_the_log_and_tried_again_on_the_backoff_until_it_works()
    {
        var supervisor = NewSupervisor();
        supervisor.Start();
        _cluster.NextPid = () => null;
        _cluster.OnStart = () =>
        {
            if (_cluster.Starts <= 2)
            {
                throw new InvalidOperationException("pg_ctl: could not start server");
            }
        };
        _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
        var restarting = await Poll.UntilAsync(() => Task.FromResult(supervisor.Health), h => h.Attempt == 2, Within, "the first start to fail");
        Assert.Equal("restarting (attempt 2): pg_ctl: could not start server", restarting.ToString());
        Assert.False(supervisor.Check().Ready);

        // Moved a second at a time: the second start comes 1 s after the first, the third 2 s after that, and it works.
        await Poll.UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(supervisor.Health.State);
        }, s => s == ClusterState.Running, Within, "the third start to work");

        Assert.Equal(3, _cluster.Starts);
        Assert.Equal((true, "running (pid 4343)"), supervisor.Check());
        var failed = _log.Entries.Where(e => e.Message.StartsWith("Restarting the embedded PostgreSQL cluster failed", StringComparison.Ordinal)).Select(e => e.Message);
        Assert.Equal(
            [
                "Restarting the embedded PostgreSQL cluster failed (attempt 1); trying again in 1 s: pg_ctl: could not start server",
                "Restarting the embedded PostgreSQL cluster failed (attempt 2); trying again in 2 s: pg_ctl: could not start server",
            ],
            failed);
        Assert.Contains(_log.Entries, e => e.Message == "The embedded PostgreSQL cluster was restarted (postmaster pid 4343, attempt 3); the appliance serves again");
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task The_same_failure_every_second_is_counted_each_time_but_logged_once_a_minute()
    {
        var supervisor = NewSupervisor();
        supervisor.Start();
        _cluster.NextPid = () => throw new UnauthorizedAccessException("postmaster.pid: permission denied");

        for (var i = 1; i <= 61; i++)
        {
            _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
            await Poll.UntilAsync(() => Task.FromResult(supervisor.WatchFailures), n => n == i, Within, $"check {i} to fail");
        }
        await supervisor.StopAsync(); // the last failure is logged (or not) before the loop ends

        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Error));
    }

    [Fact]
    public async Task Stopping_while_a_restart_is_under_way_waits_for_it_and_does_not_throw_when_the_start_fails()
    {
        var supervisor = NewSupervisor();
        supervisor.Start();
        var release = new TaskCompletionSource();
        _cluster.NextPid = () => null;
        _cluster.OnStart = () =>
        {
            release.Task.Wait();
            throw new InvalidOperationException("pg_ctl: could not start server");
        };
        _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
        await Poll.UntilAsync(() => Task.FromResult(_cluster.Starts), n => n == 1, Within, "a restart to be under way");

        var stopping = supervisor.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping;

        Assert.Equal("stopped", supervisor.Health.ToString());
        Assert.Equal(0, supervisor.WatchFailures);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, _cluster.Starts);
    }

    [Fact]
    public async Task Stopping_gives_up_waiting_for_a_stuck_start_at_the_shutdown_timeout_without_throwing()
    {
        var supervisor = NewSupervisor();
        supervisor.Start();
        var release = new TaskCompletionSource();
        _cluster.NextPid = () => null;
        _cluster.OnStart = () => release.Task.Wait();
        _time.Advance(EmbeddedClusterSupervisor.CheckEvery);
        await Poll.UntilAsync(() => Task.FromResult(_cluster.Starts), n => n == 1, Within, "a restart to be under way");

        using var shutdownTimeout = new CancellationTokenSource();
        var stopping = supervisor.StopAsync(shutdownTimeout.Token);
        await shutdownTimeout.CancelAsync();
        await stopping;

        Assert.Equal("stopped", supervisor.Health.ToString());
        release.SetResult();
    }

    private sealed class FakeCluster : ISupervisedCluster
    {
        private int _starts;

        public Func<int?> NextPid { get; set; } = () => 4242;
        public Action OnStart { get; set; } = () => { };
        public int Starts => Volatile.Read(ref _starts);
        public string DataDir => "/nowhere/data";
        public string LogFile => "/nowhere/postgres.log";
        public bool StartedHere => true;

        public int? PostmasterPid() => NextPid();

        public long LogLength() => 0;

        public string? LastServerError(long from) => null;

        public void StartServer(int waitSeconds = 120)
        {
            Interlocked.Increment(ref _starts);
            OnStart();
            NextPid = () => 4343;
        }
    }

    private sealed class ListLogger : ILogger<EmbeddedClusterSupervisor>
    {
        private readonly Lock _gate = new();
        private readonly List<(LogLevel Level, Exception? Exception, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, Exception? Exception, string Message)> Entries
        {
            get
            {
                lock (_gate)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
            {
                _entries.Add((logLevel, exception, formatter(state, exception)));
            }
        }
    }
}
