using Microsoft.Extensions.Logging;
using Pos.Api.Problems;
using Pos.Api.Telemetry;
using Pos.Contracts.Journal;
using Pos.Contracts.Permissions;
using Pos.Grains.Clock;
using Pos.Grains.Journal;

namespace Pos.Api.Auth;

/// <summary>How many refusals of one device are journaled.</summary>
public sealed record PermissionRefusalLimits
{
    /// <summary>Refusals of one device journaled per <see cref="Window"/>; the rest are counted into the next journaled one.</summary>
    public int JournaledPerWindow { get; init; } = 10;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Journals refusals (<see cref="PermissionRefused"/>, in the stream <c>permission-refusals-{deviceId}</c>), at most
/// <see cref="PermissionRefusalLimits.JournaledPerWindow"/> per device per window of the store clock: a device refused
/// more often is still answered 403 every time, and its refusals beyond the limit are counted in memory and written as
/// <c>notJournaledBefore</c> of its next journaled one. So a flood of refused requests cannot fill the journal, and the
/// only device it slows is the one sending it (its own appends wait on each other). A refusal whose append fails (the
/// database away) is counted the same way; the 403 is answered all the same.
/// </summary>
public sealed partial class PermissionRefusalLog(
    IJournalStreams journal, StoreClock clock, PermissionRefusalLimits limits, IEnumerable<IOutageDetector> outages, ILogger<PermissionRefusalLog> logger)
{
    private readonly IReadOnlyList<IOutageDetector> _outages = [.. outages];
    private readonly Lock _gate = new();
    // One tally per device that was refused: devices are registered ones (a refusal needs a valid token), so few.
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Journals the refusal unless its device is past its limit (then it is counted for the next one).</summary>
    public async Task RecordAsync(PermissionRefused refused)
    {
        var now = clock.Now();
        Tally tally;
        int notJournaled;
        lock (_gate)
        {
            if (!_tallies.TryGetValue(refused.DeviceId, out tally!))
            {
                _tallies[refused.DeviceId] = tally = new Tally(now);
            }
            if (now - tally.WindowStart >= limits.Window)
            {
                tally.WindowStart = now;
                tally.Journaled = 0;
                tally.Warned = false;
            }
            if (tally.Journaled >= limits.JournaledPerWindow)
            {
                tally.NotJournaled++;
                if (!tally.Warned)
                {
                    tally.Warned = true;
                    LogPastLimit(logger, refused.DeviceId, limits.JournaledPerWindow, limits.Window.TotalSeconds);
                }
                return;
            }
            tally.Journaled++;
            notJournaled = tally.NotJournaled;
            tally.NotJournaled = 0;
        }
        var entry = refused with { NotJournaledBefore = notJournaled };
        await tally.Appending.WaitAsync();
        try
        {
            await AppendAsync(tally, entry, now);
            LogRefused(logger, entry.Permission, entry.DeviceId, entry.Role, entry.Target);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (RequestProblemHandler.IsUnavailable(e, _outages))
            {
                LogNotJournaled(logger, entry.DeviceId, e.GetType().Name);
            }
            else
            {
                // A bug: logged with its stack and counted; the refusal is answered all the same.
                LogFailed(logger, e, entry.DeviceId);
                ApiTelemetry.RecordUnexpected("permission-refusal");
            }
            lock (_gate)
            {
                tally.NotJournaled += notJournaled + 1;
            }
        }
        finally
        {
            tally.Appending.Release();
        }
    }

    private async Task AppendAsync(Tally tally, PermissionRefused entry, DateTimeOffset at)
    {
        var stream = PermissionEvents.RefusalStreamOf(entry.DeviceId);
        NewEvent[] events = [PermissionEvents.ToNew(entry)];
        // The stream's version is known after the first append; before it (or after another writer), the journal says it.
        for (var attempt = 0; ; attempt++)
        {
            // Recorded with the person signed in on the device, like every other event of a staff session.
            var result = await journal.AppendAsync(new StreamAppend(stream, tally.Version, events, at, entry.DeviceId, BusinessDate: null) { EmployeeId = entry.EmployeeId });
            if (result.Outcome == AppendOutcome.Appended)
            {
                tally.Version = result.StreamVersion;
                return;
            }
            if (result.Outcome != AppendOutcome.VersionConflict || attempt >= 3)
            {
                throw new InvalidOperationException($"The journal did not take a refusal of {entry.DeviceId}: {result.Outcome} {result.Reason}");
            }
            tally.Version = result.StreamVersion;
        }
    }

    private sealed class Tally(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;
        public int Journaled { get; set; }
        public int NotJournaled { get; set; }
        public bool Warned { get; set; }
        public int Version { get; set; }
        public SemaphoreSlim Appending { get; } = new(1, 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Permission} to {DeviceId} ({Role}) at {Target}; journaled.")]
    private static partial void LogRefused(ILogger logger, string permission, string deviceId, string role, string target);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{DeviceId} was refused more than {Limit} times within {WindowSeconds} s; its further refusals are answered 403 and counted, not journaled one by one.")]
    private static partial void LogPastLimit(ILogger logger, string deviceId, int limit, double windowSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refusal of {DeviceId} could not be journaled now ({Reason}); it is counted into the next one.")]
    private static partial void LogNotJournaled(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journaling a refusal of {DeviceId} failed; it is counted into the next one.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string deviceId);
}
