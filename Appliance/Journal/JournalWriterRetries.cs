using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace Pos.Appliance.Journal;

/// <summary>
/// The journal writer's two waits, as retries of the resilience library on the host's clock (meter "Polly"): while
/// the database is unreachable, a reconnect from 100 ms, doubling, at most 2 s apart; while another process holds the
/// writer lock, a look every second. Neither gives up: the writer waits until the appliance stops.
/// </summary>
internal static class JournalWriterRetries
{
    public static readonly TimeSpan FirstReconnect = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxReconnect = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LockLook = TimeSpan.FromSeconds(1);

    /// <summary>Reconnects until it works; <paramref name="failed"/> hears of each failed attempt (1, 2, ...).</summary>
    public static ResiliencePipeline Reconnect(TimeProvider time, Action<Exception, int> failed) =>
        new ResiliencePipelineBuilder { Name = "pos-journal-reconnect", TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstReconnect,
                MaxDelay = MaxReconnect,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    failed(args.Outcome.Exception!, args.AttemptNumber + 1);
                    return default;
                },
            })
            .ConfigureTelemetry(new TelemetryOptions())
            .Build();

    /// <summary>Tries to take the lock until it is taken; <paramref name="refused"/> hears of each refusal (1, 2, ...).</summary>
    public static ResiliencePipeline<bool> WriterLock(TimeProvider time, Action<int> refused) =>
        new ResiliencePipelineBuilder<bool> { Name = "pos-journal-writer-lock", TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is null && !args.Outcome.Result),
                BackoffType = DelayBackoffType.Constant,
                Delay = LockLook,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    refused(args.AttemptNumber + 1);
                    return default;
                },
            })
            .ConfigureTelemetry(new TelemetryOptions())
            .Build();
}
