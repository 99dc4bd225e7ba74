using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace Pos.Appliance.Database;

/// <summary>How one attempt to start the embedded cluster again ended: up (or nothing left to start), or failed with the server's words.</summary>
public readonly record struct ClusterStartAttempt(string? Error)
{
    /// <summary>Started, found running again, or the appliance stops: the restart is over.</summary>
    public static readonly ClusterStartAttempt Up = new(null);

    public bool Failed => Error is not null;
}

/// <summary>
/// The embedded cluster's restart as a retry of the resilience library on the host's clock (meter "Polly", pipeline
/// <see cref="PipelineName"/>): a failed start is tried again after 1, 2, 4, 8, then every 10 seconds, so a full disk
/// freed by a person is found within seconds without hammering pg_ctl meanwhile. It never gives up: it ends when a
/// start works, the cluster is found running again, or the appliance stops (the cancellation).
/// </summary>
internal static class ClusterRestartRetry
{
    public const string PipelineName = "pos-embedded-cluster-restart";
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>Starts until one works; <paramref name="failed"/> hears of each failure and the wait before the next start.</summary>
    public static ResiliencePipeline<ClusterStartAttempt> Build(TimeProvider time, Action<string, TimeSpan> failed) =>
        new ResiliencePipelineBuilder<ClusterStartAttempt> { Name = PipelineName, TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ClusterStartAttempt>
            {
                // Only a start that failed is tried again: an exception is a failed check, the supervisor's to log.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result.Failed),
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    failed(args.Outcome.Result.Error!, args.RetryDelay);
                    return default;
                },
            })
            .ConfigureTelemetry(new TelemetryOptions())
            .Build();
}
