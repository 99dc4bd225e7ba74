namespace Pos.Bench.Soak;

/// <summary>
/// Open-loop pacing: the run's commands are due at a steady <see cref="Rate"/> from <see cref="Start"/>, whatever the
/// appliance answers. Command k of the whole run is due at Start + k / Rate; device d takes commands d, d + D, d + 2D,
/// ... (D devices), so the devices interleave evenly. A device sends a command at its due time, or at once when an
/// earlier command of its own is still late; its latency is counted from the due time, so a stall is charged to every
/// command it holds up, not hidden by the load slowing down (coordinated omission).
/// </summary>
internal sealed record OpenLoopSchedule(long Start, double Rate, int Devices, long Frequency)
{
    /// <summary>The timestamp (of the clock that gave <see cref="Start"/>) at which device <paramref name="device"/>'s command <paramref name="index"/> is due.</summary>
    public long DueAt(int device, long index) =>
        Start + (long)Math.Round((((double)index * Devices) + device) * Frequency / Rate);

    /// <summary>The timestamp <paramref name="time"/> after <see cref="Start"/>.</summary>
    public long After(TimeSpan time) => Start + (long)Math.Round(time.TotalSeconds * Frequency);
}

/// <summary>One command's outcome, timestamps of the schedule's clock: due, sent and answered.</summary>
internal readonly record struct PacedCommand(long Due, long Sent, long Finished, bool Succeeded);

/// <summary>What a device sends next: one command of a whole order, true when it was answered with a 2xx.</summary>
internal interface IPacedCommands
{
    Task<bool> SendNextAsync(CancellationToken cancellationToken);
}

/// <summary>Drives one device on the <see cref="OpenLoopSchedule"/> until the next due time is at or after <c>end</c>.</summary>
internal sealed class OpenLoopDevice(
    TimeProvider time, OpenLoopSchedule schedule, int device, Func<long, CancellationToken, Task>? waitUntil = null)
{
    private readonly Func<long, CancellationToken, Task> _waitUntil = waitUntil ?? ((due, ct) => DelayUntilAsync(time, due, ct));

    /// <summary>Every command sent, in order, with its due time.</summary>
    public List<PacedCommand> Commands { get; } = new(capacity: 8_192);

    public async Task RunAsync(IPacedCommands commands, long end, CancellationToken cancellationToken)
    {
        for (long index = 0; ; index++)
        {
            var due = schedule.DueAt(device, index);
            if (due >= end)
            {
                return;
            }

            await _waitUntil(due, cancellationToken);
            var sent = time.GetTimestamp();
            var succeeded = await commands.SendNextAsync(cancellationToken);
            Commands.Add(new PacedCommand(due, sent, time.GetTimestamp(), succeeded));
        }
    }

    /// <summary>Waits on <paramref name="time"/> until <paramref name="timestamp"/>; at once when it has passed.</summary>
    public static Task DelayUntilAsync(TimeProvider time, long timestamp, CancellationToken cancellationToken)
    {
        var wait = time.GetElapsedTime(time.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}
