using Pos.Appliance.Hosting;

namespace Pos.Appliance.Sync;

/// <summary>What a sync run does next, as the <see cref="SyncLoop"/> decides it.</summary>
public abstract record SyncStep
{
    /// <summary>Seal the business dates that are over (<see cref="DaySealer"/>).</summary>
    public sealed record Seal : SyncStep;

    /// <summary>Send the next batch after the acknowledged checkpoint (<see cref="JournalShipper"/>).</summary>
    public sealed record Ship : SyncStep;

    /// <summary>Ask the cloud for a newer published menu (<see cref="MenuPuller"/>).</summary>
    public sealed record PullMenu : SyncStep;

    /// <summary>Caught up: wait up to <paramref name="For"/> for new events before the run ends.</summary>
    public sealed record Linger(TimeSpan For) : SyncStep;

    /// <summary>Caught up, nothing came while lingering: the run ends; the next append or the recurring job starts another.</summary>
    public sealed record End : SyncStep;

    /// <summary>The attempt failed (the cloud away or refusing, or a bug): the run ends; try again after <paramref name="After"/>.</summary>
    public sealed record RetryLater(TimeSpan After, int Failures, string Reason) : SyncStep;

    /// <summary>The store's own database is away: the run ends, nothing is said about the cloud; go on once it is back.</summary>
    public sealed record WaitForDatabase(string Reason) : SyncStep;
}

/// <summary>What the last step of a sync run found.</summary>
public abstract record SyncOutcome
{
    public sealed record Sealed(int Count) : SyncOutcome;

    /// <summary>The cloud acknowledged <paramref name="AckedSeq"/> for a batch that went up to <paramref name="SentThroughSeq"/>.</summary>
    public sealed record Shipped(long FromSeq, long AckedSeq, long SentThroughSeq) : SyncOutcome;

    /// <summary>The cloud holds less than the checkpoint said: the checkpoint went back to <paramref name="ToSeq"/>.</summary>
    public sealed record Rewound(long FromSeq, long ToSeq) : SyncOutcome;

    /// <summary>Nothing after the checkpoint: the cloud has the journal's head.</summary>
    public sealed record CaughtUp : SyncOutcome;

    /// <summary>
    /// The menu was asked for: <paramref name="Applied"/> is the cloud's version applied now (store menu version
    /// <paramref name="StoreVersion"/>), or null; <paramref name="Refusal"/> says why the store refused a newer one.
    /// </summary>
    public sealed record MenuPulled(int? Applied, int? StoreVersion, string? Refusal) : SyncOutcome;

    /// <summary>The linger is over; <paramref name="Nudged"/> when new events came meanwhile.</summary>
    public sealed record Lingered(bool Nudged) : SyncOutcome;

    /// <summary>The cloud could not be reached, or answered with an error or a refusal.</summary>
    public sealed record CloudFailed(string Message) : SyncOutcome;

    /// <summary>The store's own database did not answer (<see cref="SyncFailure.Database"/>).</summary>
    public sealed record DatabaseAway(string Message) : SyncOutcome;

    /// <summary>Anything else on the appliance: a bug, reported like a cloud failure so it is seen and not retried hot.</summary>
    public sealed record Broke(Exception Exception) : SyncOutcome;
}

/// <summary>
/// The sync loop's decisions, pure: given what the last step found (the checkpoint moved, the journal's head reached,
/// the cloud's answer) and the clock, what to do next, and when to try again after a failure. Its state across runs
/// is whether the cloud answered last, how many attempts failed in a row and when the menu is due.
/// The order within a run: seal, ship until caught up, pull the menu when due, linger for new events, again or end.
/// </summary>
public sealed class SyncLoop(SyncOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _menuDue = DateTimeOffset.MinValue;

    /// <summary>Whether the last attempt reached the cloud (null before any).</summary>
    public bool? Online { get; private set; }

    /// <summary>When the next attempt is due after a failure; null when the last attempt did not fail.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Attempts that failed in a row.</summary>
    public int Failures => _failures;

    /// <summary>
    /// How long to wait before attempt <paramref name="retry"/> (1 for the first retry): doubling from a second up to
    /// <paramref name="max"/>. Given to Hangfire's AutomaticRetry as its delays, so the schedule is Hangfire's own.
    /// </summary>
    public static TimeSpan RetryDelay(long retry, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Clamp(retry - 1, 0, 20))));

    /// <summary>
    /// How many retries a failed job gets before Hangfire deletes it and the recurring job starts the next one: about an
    /// hour's worth at the longest delay, so one job row carries an hour of an outage and expires an hour after.
    /// </summary>
    public static int RetryAttempts(TimeSpan max)
    {
        var doubling = (int)Math.Ceiling(Math.Log2(Math.Max(1, max.TotalSeconds)));
        return doubling + (int)Math.Ceiling(TimeSpan.FromHours(1) / max);
    }

    /// <summary>A run starts: first the dates that are over are sealed.</summary>
    public static SyncStep Begin() => new SyncStep.Seal();

    /// <summary>What to do after a step that found <paramref name="outcome"/>.</summary>
    public SyncStep Next(SyncOutcome outcome)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            switch (outcome)
            {
                case SyncOutcome.Sealed:
                    return new SyncStep.Ship();
                case SyncOutcome.Shipped(_, var acked, var through):
                    Reached();
                    return acked < through
                        ? Failed($"The cloud acknowledged seq {acked} for a batch up to {through}.", now)
                        : new SyncStep.Ship();
                case SyncOutcome.Rewound:
                    Reached();
                    return new SyncStep.Ship();
                case SyncOutcome.CaughtUp:
                    Reached();
                    return now >= _menuDue ? new SyncStep.PullMenu() : LingerOrEnd(now);
                case SyncOutcome.MenuPulled { Refusal: var refusal }:
                    Reached();
                    _menuDue = now + options.MenuPullEvery;
                    // A refused version counts as pulled all the same (not asked for every minute), and is said as a failure.
                    return refusal is null ? LingerOrEnd(now) : Failed(refusal, now);
                case SyncOutcome.Lingered(var nudged):
                    return nudged || now >= _menuDue ? Begin() : new SyncStep.End();
                case SyncOutcome.CloudFailed(var message):
                    return Failed(message, now);
                case SyncOutcome.DatabaseAway(var message):
                    return new SyncStep.WaitForDatabase(message); // nothing said about the cloud
                case SyncOutcome.Broke(var e):
                    return Failed($"Sync failed on the appliance: {e.Message}", now);
                default:
                    throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome the sync loop does not know.");
            }
        }
    }

    private SyncStep LingerOrEnd(DateTimeOffset now)
    {
        var untilMenu = _menuDue - now;
        var linger = untilMenu < options.Linger ? untilMenu : options.Linger;
        return new SyncStep.Linger(linger > TimeSpan.Zero ? linger : TimeSpan.Zero);
    }

    private void Reached()
    {
        _failures = 0;
        Online = true;
        NextAttemptAt = null;
    }

    private SyncStep.RetryLater Failed(string reason, DateTimeOffset now)
    {
        _failures++;
        Online = false;
        var delay = RetryDelay(_failures, options.MaxBackoff);
        NextAttemptAt = now + delay;
        return new SyncStep.RetryLater(delay, _failures, reason);
    }
}
