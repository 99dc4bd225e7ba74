using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Pos.Grains.Printing;
using Pos.Tests.Shared;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>The printer's retry (Polly) on a clock the test moves: exponential, jittered, capped, never giving up.</summary>
public sealed class PrinterRetryTests
{
    private static readonly PrintingOptions Options = new() { RetryMin = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(30) };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero));
    private readonly RetryEvents _events = new();

    [Fact]
    public async Task Waits_grow_exponentially_up_to_the_cap_and_the_printer_is_tried_until_it_answers()
    {
        var pipeline = PrinterRetry.Build(Options, _time, _events.Options, randomizer: () => 0.5);
        var attempts = 0;

        var outcome = await RunAsync(pipeline, () => ++attempts <= 15 ? PrinterAttempt.PrinterDown : PrinterAttempt.Done);

        Assert.Equal(PrinterAttempt.Done, outcome);
        Assert.Equal(16, attempts);
        var delays = _events.Delays;
        Assert.Equal(15, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(100), Options.RetryMax));
        var growing = delays.TakeWhile(d => d < Options.RetryMax).ToList();
        Assert.True(growing.Count >= 4, $"only {growing.Count} waits before the cap");
        Assert.All(growing.Zip(growing.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} then {pair.Second}"));
        Assert.True(growing[^1] > growing[1] * 8, $"from {growing[1]} to {growing[^1]} is not exponential");
        Assert.All(delays.Skip(growing.Count), d => Assert.Equal(Options.RetryMax, d));
    }

    [Fact]
    public async Task The_waits_are_jittered_so_printers_that_failed_together_do_not_retry_together()
    {
        var low = new RetryEvents();
        var high = new RetryEvents();
        var attemptsLow = 0;
        var attemptsHigh = 0;

        await RunAsync(PrinterRetry.Build(Options, _time, low.Options, randomizer: () => 0.1), () => ++attemptsLow <= 3 ? PrinterAttempt.PrinterDown : PrinterAttempt.Done);
        await RunAsync(PrinterRetry.Build(Options, _time, high.Options, randomizer: () => 0.9), () => ++attemptsHigh <= 3 ? PrinterAttempt.PrinterDown : PrinterAttempt.Done);

        Assert.NotEqual(low.Delays, high.Delays);
    }

    [Theory]
    [InlineData(PrinterAttempt.Done)]
    [InlineData(PrinterAttempt.Stale)]
    public async Task Only_a_printer_that_is_down_is_retried(PrinterAttempt result)
    {
        var pipeline = PrinterRetry.Build(Options, _time, _events.Options);
        var attempts = 0;

        Assert.Equal(result, await RunAsync(pipeline, () => { attempts++; return result; }));
        Assert.Equal(1, attempts);
        Assert.Empty(_events.Delays);
    }

    [Fact]
    public async Task An_exception_is_not_retried_and_comes_out_as_it_was_thrown()
    {
        var pipeline = PrinterRetry.Build(Options, _time, _events.Options);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RunAsync(pipeline, () => { attempts++; throw new InvalidOperationException("a bug"); }));

        Assert.Equal("a bug", error.Message);
        Assert.Equal(1, attempts);
        Assert.Empty(_events.Delays);
    }

    // Runs the pipeline, moving the clock while it waits between attempts.
    private async Task<PrinterAttempt> RunAsync(ResiliencePipeline<PrinterAttempt> pipeline, Func<PrinterAttempt> attempt)
    {
        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(attempt())).AsTask();
        await Poll.UntilAsync(() =>
        {
            if (!run.IsCompleted)
            {
                _time.Advance(TimeSpan.FromSeconds(5));
            }
            return Task.FromResult(run.IsCompleted);
        }, done => done, TimeSpan.FromSeconds(20), "the retries to end");
        return await run;
    }

    /// <summary>Polly's telemetry, listened to: the wait it chose before each retry.</summary>
    private sealed class RetryEvents : TelemetryListener
    {
        private readonly List<TimeSpan> _delays = [];

        public RetryEvents() => Options.TelemetryListeners.Add(this);

        public TelemetryOptions Options { get; } = new();

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_delays)
                {
                    return [.. _delays];
                }
            }
        }

        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            if (args.Arguments is OnRetryArguments<PrinterAttempt> retry)
            {
                lock (_delays)
                {
                    _delays.Add(retry.RetryDelay);
                }
            }
        }
    }
}
