extern alias bench;

using bench::Pos.Bench;
using bench::Pos.Bench.Orders;
using bench::Pos.Bench.Printing;
using bench::Pos.Bench.Soak;
using Microsoft.Extensions.Time.Testing;

namespace Pos.Appliance.Tests.Tools;

/// <summary>
/// The soak benchmark's own logic, without a soak: the open-loop pacing charges a stall to every command it delays,
/// the statistics and the PASS/MISS verdicts come out of known samples, /proc's memory lines are read, and the
/// command line gives the documented defaults.
/// </summary>
public sealed class SoakBenchTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_schedule_interleaves_the_devices_at_the_steady_rate()
    {
        var schedule = new OpenLoopSchedule(Start: 1_000, Rate: 100, Devices: 4, Frequency: 1_000_000);

        // 100 commands/s: one every 10 ms in all; each of the four devices one every 40 ms, offset by its number.
        Assert.Equal([1_000, 11_000, 21_000, 31_000, 41_000], new[] { (0, 0), (1, 0), (2, 0), (3, 0), (0, 1) }.Select(x => schedule.DueAt(x.Item1, x.Item2)));
        Assert.Equal(1_000 + 600_000_000, schedule.After(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task A_stall_is_charged_to_every_command_it_delays_and_the_device_never_sends_early()
    {
        // One device at 10 commands/s for one second: due every 100 ms. Each command takes 5 ms, the third 500 ms.
        var schedule = new OpenLoopSchedule(_time.GetTimestamp(), Rate: 10, Devices: 1, _time.TimestampFrequency);
        var device = new OpenLoopDevice(_time, schedule, 0, (due, _) =>
        {
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                _time.Advance(wait);
            }

            return Task.CompletedTask;
        });
        var commands = new TakesTime(_time, [5, 5, 500]);

        await device.RunAsync(commands, schedule.After(TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal(10, device.Commands.Count);
        Assert.All(device.Commands, c => Assert.True(c.Sent >= c.Due));
        Assert.Equal([5, 5, 500, 405, 310, 215, 120, 25, 5, 5], device.Commands.Select(c => Ms(c.Finished - c.Due)));
        Assert.Equal([5, 5, 500, 5, 5, 5, 5, 5, 5, 5], device.Commands.Select(c => Ms(c.Finished - c.Sent)));

        var latency = SoakLatency.Of(device.Commands, _time.TimestampFrequency);
        Assert.Equal((10, 0, 500.0, 0), (latency.Count, latency.Failed, latency.MaxMs, latency.OverOneSecond));
        Assert.Equal((25.0, 500.0), (latency.P50Ms, latency.P99Ms));
    }

    [Fact]
    public void The_statistics_count_failures_and_commands_over_a_second_and_split_by_minute()
    {
        const long Frequency = 1000; // one tick a millisecond
        var commands = Enumerable.Range(0, 200)
            .Select(i => new PacedCommand(Due: i * 600L, Sent: i * 600L, Finished: (i * 600L) + (i == 150 ? 1500 : i % 10 == 0 ? 20 : 2), Succeeded: i != 7))
            .ToList();

        var all = SoakLatency.Of(commands, Frequency);
        Assert.Equal((200, 1, 2.0, 20.0, 1500.0, 1), (all.Count, all.Failed, all.P50Ms, all.P99Ms, all.MaxMs, all.OverOneSecond));

        var minutes = SoakLatency.PerMinute(commands, from: 0, minutes: 2, Frequency);
        Assert.Equal([100, 100], minutes.Select(m => m.Count));
        Assert.Equal([0, 1], minutes.Select(m => m.OverOneSecond));
        Assert.Equal([20.0, 1500.0], minutes.Select(m => m.MaxMs));
    }

    [Theory]
    [InlineData(10.9, 2.0, 0, 0, 49, "PASS,PASS,PASS,PASS")]
    [InlineData(11.0, 2.0, 0, 0, 49, "MISS,PASS,PASS,PASS")]
    [InlineData(10.0, 2.0, 1, 0, 0, "PASS,MISS,PASS,PASS")]
    [InlineData(10.0, 2.0, 0, 3, 0, "PASS,PASS,MISS,PASS")]
    [InlineData(10.0, 2.0, 0, 0, 50, "PASS,PASS,PASS,MISS")]
    public void Each_target_passes_or_misses_on_its_own(double p99, double pgBenchP99, int overOneSecond, int failed, int growthMb, string words)
    {
        var latency = new SoakLatency(60_000, failed, 3, p99, 900, overOneSecond, 4);

        var verdicts = SoakTargets.Judge(latency, pgBenchP99, 200L << 20, (200L + growthMb) << 20);

        Assert.Equal(words, string.Join(',', verdicts.Select(v => v.Word)));
        Assert.Contains("11.0 ms", verdicts[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_not_read_is_a_miss_and_the_pgbench_p99_is_the_mean_of_the_runs_that_worked()
    {
        var latency = new SoakLatency(10, 0, 1, 2, 3, 0, 1);
        Assert.Equal("MISS", SoakTargets.Judge(latency, 1, null, 100)[3].Word);

        PgBenchResult Run(double p99, string? error = null) => new(8, 100, 100, new LatencyStats(100, 1, 1, p99, p99), 0, null, error);
        Assert.Equal(3.0, SoakResult.PgBenchP99(Run(2), Run(4)));
        Assert.Equal(2.0, SoakResult.PgBenchP99(Run(2), Run(4, "pgbench failed")));
        Assert.True(double.IsNaN(SoakResult.PgBenchP99(Run(2, "x"), Run(4, "y"))));
    }

    [Fact]
    public void The_resident_memory_is_read_from_a_proc_status_file()
    {
        const string Status = "Name:\tdotnet\nVmPeak:\t 4000000 kB\nVmHWM:\t  310000 kB\nVmRSS:\t  250000 kB\nThreads:\t40\n";

        Assert.Equal(new ResidentMemory(250_000L * 1024, 310_000L * 1024), ResidentMemory.Parse(Status));
        Assert.Null(ResidentMemory.Parse("Name:\tkthreadd\n"));
        Assert.NotNull(ResidentMemory.Read(Environment.ProcessId));
    }

    [Fact]
    public void The_report_shows_the_figures_and_a_word_per_target()
    {
        PgBenchResult Run(double p99) => new(8, 3000, 100, new LatencyStats(3000, 1, 1, p99, p99), 0, null, null);
        var samples = Enumerable.Range(0, 3).Select(m => new SoakSample(m, new ResidentMemory((300L + m) << 20, 320L << 20), new ManagedHeap(40 + m, 20, 2, 60, m), 12, 1.5, m)).ToList();
        var measured = Enumerable.Range(0, 100).Select(i => new PacedCommand(i, i, i + 3, Succeeded: i != 5)).ToList();
        var load = new SoakLoad(measured, SoakLatency.PerMinute(measured, 0, 2, 1000), samples, 10, 0, TimeSpan.FromMinutes(3));
        var run = new SoakResult(
            new SoakOptions { Minutes = 2 }, DateTimeOffset.UnixEpoch, new PostgresInfo("15.18", "on", "on"), load, Run(2), Run(4),
            [new PrinterHealth(ApplianceFire.KitchenPrinterId, "online", 0, null)],
            new SoakTicketCount(14, 14, 0, 0, new LatencyStats(14, 20, 30, 40, 50), []),
            new SyncOutcome(98, 98, TimeSpan.FromSeconds(1)), null, null, 90);

        var report = SoakReport.Markdown(run);

        Assert.True(run.Correct);
        Assert.Equal(["PASS", "PASS", "MISS", "PASS"], run.Verdicts.Select(v => v.Word));
        Assert.Contains("| 100 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 2 | 0 | - | - | 0 | 302.0 | 42.0 | 20.0 | 2.0 | 60.0 | 2 | 12 | 1.50 |", report, StringComparison.Ordinal);
        Assert.Contains("| no command over 1 s |", report, StringComparison.Ordinal);
        Assert.Contains("| no command failed | 1 failed | MISS |", report, StringComparison.Ordinal);
        Assert.Contains("| memory growth under 50 MB (RSS, end - start) | +2.0 MB | PASS |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_gives_the_documented_defaults_and_refuses_a_bad_length()
    {
        var dll = typeof(SoakBenchTests).Assembly.Location;
        SoakOptions? ran = null;
        var actions = new BenchActions(Never, Never, Never, Never, Never, Never, (o, _) =>
        {
            ran = o;
            return Task.FromResult(0);
        });
        var root = BenchCommandLine.Create(actions, _ => null);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await BenchCommandLine.InvokeAsync(
            root, ["soak", "--appliance-dll", dll, "--cloud-dll", dll, "--pg", "Host=/s;Username=pos"], output, error, CancellationToken.None));
        Assert.Equal((10, 60, 100, 8, 30, 5084, 5193), (ran!.Minutes, ran.WarmupSeconds, ran.Rate, ran.Devices, ran.PgBenchSeconds, ran.AppliancePort, ran.CloudPort));

        ran = null;
        Assert.Equal(BenchCommandLine.BadArguments, await BenchCommandLine.InvokeAsync(
            root, ["soak", "--appliance-dll", dll, "--cloud-dll", dll, "--pg", "x", "--minutes", "0"], output, error, CancellationToken.None));
        Assert.Null(ran);
        Assert.Contains("bad value for --minutes: '0'", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<int> Never<T>(T options, CancellationToken cancellationToken) => throw new InvalidOperationException("not this benchmark");

    private long Ms(long ticks) => ticks * 1000 / _time.TimestampFrequency;

    /// <summary>Commands that take the given milliseconds of the fake clock each (5 ms once the list runs out).</summary>
    private sealed class TakesTime(FakeTimeProvider time, int[] milliseconds) : IPacedCommands
    {
        private int _next;

        public Task<bool> SendNextAsync(CancellationToken cancellationToken)
        {
            var index = _next++;
            time.Advance(TimeSpan.FromMilliseconds(index < milliseconds.Length ? milliseconds[index] : 5));
            return Task.FromResult(true);
        }
    }
}
