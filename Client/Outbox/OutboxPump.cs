using Polly;
using Polly.Retry;

namespace Pos.Client.Outbox;

/// <summary>Where the device stands with the appliance, as the last attempt to send found it.</summary>
public enum LinkState
{
    /// <summary>Nothing tried yet.</summary>
    Unknown,

    /// <summary>The last attempt reached the appliance (or nothing was waiting).</summary>
    Connected,

    /// <summary>The appliance could not be reached: the commands wait and are sent again after a backoff.</summary>
    Away,

    /// <summary>The appliance does not know this device's token any more (revoked): pair again.</summary>
    Unauthorized,

    /// <summary>The appliance refused a batch as a whole: the commands wait; someone must look.</summary>
    Refused,
}

/// <summary>
/// Sends the outbox by itself: at once when a command is queued (<see cref="Nudge"/>), and while the appliance is
/// away again and again with exponential backoff (<see cref="OutboxPumpOptions"/>), jittered so phones that lost the
/// Wi-Fi together do not come back together. A nudge during a backoff (a new command, the network back) tries at once.
/// A revoked device stops trying until it is nudged (after pairing again).
/// </summary>
public sealed class OutboxPump : IAsyncDisposable
{
    private readonly CommandOutbox _outbox;
    private readonly ResiliencePipeline<BatchAttempt?> _pipeline;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _backoff;
    private bool _inBackoff;
    private readonly TimeSpan _longestRetry;
    private readonly TimeProvider _time;
    private Task? _loop;

    public OutboxPump(CommandOutbox outbox, OutboxPumpOptions? options = null, TimeProvider? time = null)
    {
        _outbox = outbox;
        options ??= new OutboxPumpOptions();
        _longestRetry = options.LongestRetry;
        _time = time ?? TimeProvider.System;
        _pipeline = new ResiliencePipelineBuilder<BatchAttempt?> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<BatchAttempt?>
            {
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is HttpRequestException or TimeoutException || args.Outcome.Result is BatchAttempt.Unreachable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetry,
                MaxDelay = options.LongestRetry,
                MaxRetryAttempts = int.MaxValue,
                // The appliance's Retry-After, when it said one (503 while its database restarts, 429).
                DelayGenerator = static args => ValueTask.FromResult(
                    args.Outcome.Result is BatchAttempt.Unreachable { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    lock (_gate)
                    {
                        _inBackoff = true;
                    }
                    Report(args.Outcome.Result is BatchAttempt.Unreachable u ? u : new BatchAttempt.Unreachable(args.Outcome.Exception?.Message ?? "unreachable"));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Where the device stands with the appliance.</summary>
    public LinkState State { get; private set; }

    /// <summary>Why the last attempt failed, in words for the person; null when it did not.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Raised when <see cref="State"/> or <see cref="LastProblem"/> changed.</summary>
    public event Action? StateChanged;

    /// <summary>An unexpected exception while sending (a bug, or the store failing), for the host to log with its stack.</summary>
    public event Action<Exception>? Faulted;

    /// <summary>Starts sending; the first attempt is made at once.</summary>
    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
        Nudge();
    }

    /// <summary>Try now: a command was queued, or the network is back. Cuts a backoff short.</summary>
    public void Nudge()
    {
        lock (_gate)
        {
            // Only a wait is cut short; a batch on its way is left to finish (its answer settles it).
            if (_inBackoff)
            {
                _backoff?.Cancel();
            }
        }
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A nudge is already waiting to be taken.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using var backoff = CancellationTokenSource.CreateLinkedTokenSource(stop);
            lock (_gate)
            {
                _backoff = backoff;
            }
            try
            {
                Report(await _pipeline.ExecuteAsync(async token =>
                {
                    lock (_gate)
                    {
                        _inBackoff = false;
                    }
                    return await _outbox.FlushAsync(token);
                }, backoff.Token));
            }
            catch (OperationCanceledException) when (backoff.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                // Nudged during a backoff: the nudge's signal runs the next attempt at once.
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Anything else (an answer that cannot be read, the store failing): the commands stay, the person is
                // told, whoever hosts the pump hears of the exception with its stack (Faulted), and the pump keeps
                // running: the next nudge, or the longest backoff, tries again.
                Report(new BatchAttempt.Refused(0, e is System.Text.Json.JsonException
                    ? $"The appliance's answer could not be read: {e.Message}"
                    : $"Sending failed on this device: {e.Message}", null));
                Faulted?.Invoke(e);
                _ = NudgeLaterAsync(stop);
            }
            finally
            {
                lock (_gate)
                {
                    _backoff = null;
                    _inBackoff = false;
                }
            }
        }
    }

    private async Task NudgeLaterAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(_longestRetry, _time, stop);
            Nudge();
        }
        catch (OperationCanceledException)
        {
            // The pump stops.
        }
    }

    private void Report(BatchAttempt? attempt)
    {
        (State, LastProblem) = attempt switch
        {
            null or BatchAttempt.Answered => (LinkState.Connected, (string?)null),
            BatchAttempt.Unreachable u => (LinkState.Away, u.Reason),
            BatchAttempt.Unauthorized u => (LinkState.Unauthorized, u.Reason),
            BatchAttempt.Refused r => (LinkState.Refused, r.Reason),
            _ => (State, LastProblem),
        };
        StateChanged?.Invoke();
    }
}

/// <summary>How the pump retries while the appliance is away.</summary>
public sealed record OutboxPumpOptions
{
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan LongestRetry { get; init; } = TimeSpan.FromSeconds(15);
}
