using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pos.Hosting.Systemd;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Systemd;

/// <summary>The watchdog's pure parts: when it pings, and that it pings only while the host's check passes.</summary>
public sealed class SystemdWatchdogTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    [Fact]
    public void The_ping_interval_is_half_the_watchdog_and_only_for_the_process_it_names()
    {
        Assert.Equal(Every, WatchdogInterval.PingEvery("30000000", null, 42));
        Assert.Equal(Every, WatchdogInterval.PingEvery("30000000", "42", 42));
        Assert.Null(WatchdogInterval.PingEvery("30000000", "41", 42));
        Assert.Null(WatchdogInterval.PingEvery(null, null, 42));
        Assert.Null(WatchdogInterval.PingEvery("0", null, 42));
        Assert.Null(WatchdogInterval.PingEvery("soon", null, 42));
    }

    [Fact]
    public async Task Pings_start_after_the_host_started_and_only_follow_a_check_that_passed()
    {
        var time = new FakeTimeProvider();
        var said = new Said();
        var lifetime = new Lifetime();
        var alive = true;
        using var watchdog = new SystemdWatchdog(said, lifetime, time,
            _ =>
            {
                var passes = Volatile.Read(ref alive);
                said.Add(passes ? "check passed" : "check failed");
                return passes ? Task.CompletedTask : Task.FromException(new InvalidOperationException("the database is down"));
            },
            Every, NullLogger<SystemdWatchdog>.Instance);
        await watchdog.StartAsync(CancellationToken.None);
        time.Advance(Every * 3);
        Assert.Empty(said.All);

        lifetime.Start();
        await TicksUntilAsync(time, said, s => s.Count(x => x == "WATCHDOG=1") >= 2, "two pings");
        Volatile.Write(ref alive, false);
        await TicksUntilAsync(time, said, s => s.Count(x => x == "check failed") >= 3, "three failed checks");
        Volatile.Write(ref alive, true);
        await TicksUntilAsync(time, said, s => s.SkipWhile(x => x != "check failed").Contains("WATCHDOG=1"), "a ping after the failures");
        await watchdog.StopAsync(CancellationToken.None);

        // Every ping right after a passed check, every passed check pinged (the last perhaps cut by the stop), none after a failed one.
        var all = said.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i] == "WATCHDOG=1")
            {
                Assert.Equal("check passed", all[i - 1]);
            }
            else if (all[i] == "check passed" && i + 1 < all.Count)
            {
                Assert.Equal("WATCHDOG=1", all[i + 1]);
            }
        }
    }

    /// <summary>Moves the fake clock a ping interval at a time (the loop may not wait on its timer yet) until <paramref name="done"/>.</summary>
    private static Task TicksUntilAsync(FakeTimeProvider time, Said said, Func<IReadOnlyList<string>, bool> done, string what) =>
        Poll.UntilAsync(() =>
        {
            time.Advance(Every);
            return Task.FromResult(said.All);
        }, done, TimeSpan.FromSeconds(10), what);

    /// <summary>The checks and the notifications, in the order they happened.</summary>
    private sealed class Said : ISystemdNotifier
    {
        private readonly List<string> _all = [];

        public bool IsEnabled => true;

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public void Add(string what)
        {
            lock (_all)
            {
                _all.Add(what);
            }
        }

        public void Notify(ServiceState state) => Add(state.ToString());
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }
    }
}
