using Microsoft.Extensions.Time.Testing;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Tests.Shared;

namespace Pos.Client.Tests.Outbox;

public sealed class OutboxPumpTests
{
    private static readonly Guid Order = Guid.Parse("0b7d5d0e-93a8-4c25-8d1e-2b1d4c3f0a03");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Queued_commands_are_sent_without_being_asked_and_after_the_appliance_comes_back()
    {
        var time = new FakeTimeProvider();
        var transport = new RecordingTransport { Reachable = false };
        var outbox = new CommandOutbox(new MemoryClientStore(), transport, time);
        await outbox.LoadAsync();
        await using var pump = new OutboxPump(outbox, new OutboxPumpOptions { FirstRetry = TimeSpan.FromSeconds(1), LongestRetry = TimeSpan.FromSeconds(8) }, time);
        pump.Start();
        await outbox.EnqueueAsync("fire", Order, null);
        pump.Nudge();

        await Poll.UntilAsync(() => Task.FromResult(pump.State), s => s == LinkState.Away, Deadline, "the pump to find the appliance away");
        Assert.Equal(1, outbox.Waiting);

        transport.Reachable = true;
        // The backoff runs on the fake clock: move it until the retry happens.
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(outbox.Waiting);
        }, waiting => waiting == 0, Deadline, "the command to be sent after the backoff");
        Assert.Equal(LinkState.Connected, pump.State);
    }

    [Fact]
    public async Task A_nudge_cuts_a_backoff_short()
    {
        var time = new FakeTimeProvider();
        var transport = new RecordingTransport { Reachable = false };
        var outbox = new CommandOutbox(new MemoryClientStore(), transport, time);
        await outbox.LoadAsync();
        await using var pump = new OutboxPump(outbox, new OutboxPumpOptions { FirstRetry = TimeSpan.FromHours(1), LongestRetry = TimeSpan.FromHours(1) }, time);
        await outbox.EnqueueAsync("fire", Order, null);
        pump.Start();
        await Poll.UntilAsync(() => Task.FromResult(pump.State), s => s == LinkState.Away, Deadline, "the pump to back off");

        transport.Reachable = true;
        pump.Nudge();

        // No time moves: only the nudge can have sent it.
        await Poll.UntilAsync(() => Task.FromResult(outbox.Waiting), waiting => waiting == 0, Deadline, "the nudge to send the command");
    }

    [Fact]
    public async Task An_answer_that_cannot_be_read_is_said_and_the_pump_keeps_running()
    {
        var transport = new BrokenThenWorking();
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        await using var pump = new OutboxPump(outbox);
        await outbox.EnqueueAsync("fire", Order, null);
        pump.Start();
        await Poll.UntilAsync(() => Task.FromResult(pump.State), s => s == LinkState.Refused, Deadline, "the pump to say the answer was unreadable");
        Assert.Equal(1, outbox.Waiting);

        pump.Nudge();

        await Poll.UntilAsync(() => Task.FromResult(outbox.Waiting), waiting => waiting == 0, Deadline, "the pump to go on after the bad answer");
        Assert.Equal(LinkState.Connected, pump.State);
    }

    /// <summary>The first answer cannot be read (it throws, as a reader of a malformed body does); the next ones work.</summary>
    private sealed class BrokenThenWorking : ICommandTransport
    {
        private readonly RecordingTransport _working = new();
        private int _calls;

        public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new System.Text.Json.JsonException("'<' is an invalid start of a value.")
                : _working.SendAsync(commands, cancellationToken);
    }
}
