using System.Text.Json;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.Client.Tests.Outbox;

public sealed class CommandOutboxTests
{
    private static readonly Guid Order = Guid.Parse("0b7d5d0e-93a8-4c25-8d1e-2b1d4c3f0a01");

    private static JsonElement Line(int n) => JsonSerializer.SerializeToElement(new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = n });

    [Fact]
    public async Task Commands_wait_while_the_appliance_is_away_and_leave_in_order_when_it_is_back()
    {
        var transport = new RecordingTransport { Reachable = false };
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        var queued = new List<QueuedCommand>();
        for (var i = 0; i < 250; i++)
        {
            queued.Add(await outbox.EnqueueAsync("add-line", Order, Line(i)));
        }

        Assert.IsType<BatchAttempt.Unreachable>(await outbox.FlushAsync());
        Assert.Equal(250, outbox.Waiting);

        transport.Reachable = true;
        var settled = new List<SettledCommand>();
        outbox.Settled += settled.Add;
        Assert.IsType<BatchAttempt.Answered>(await outbox.FlushAsync());

        Assert.Equal(0, outbox.Waiting);
        Assert.Equal(queued.Select(q => q.CommandId), transport.Sent.Select(s => s.CommandId));
        Assert.Equal(queued.Select(q => q.CommandId), settled.Select(s => s.Command.CommandId));
        Assert.All(transport.BatchSizes, size => Assert.InRange(size, 1, CommandOutbox.BatchSize));
    }

    [Fact]
    public async Task An_answer_lost_on_the_way_back_is_asked_for_again_under_the_same_ids_and_lands_once()
    {
        var transport = new RecordingTransport { LoseNextAnswer = true };
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        var first = await outbox.EnqueueAsync("add-line", Order, Line(1));
        var second = await outbox.EnqueueAsync("add-line", Order, Line(2));

        Assert.IsType<BatchAttempt.Unreachable>(await outbox.FlushAsync());
        var settled = new List<SettledCommand>();
        outbox.Settled += settled.Add;
        await outbox.FlushAsync();

        Assert.Equal([first.CommandId, second.CommandId, first.CommandId, second.CommandId], transport.Sent.Select(s => s.CommandId));
        Assert.All(settled, s => Assert.Equal("duplicate", s.Outcome));
        Assert.All(settled, s => Assert.True(s.Landed));
        Assert.Equal(0, outbox.Waiting);
    }

    [Fact]
    public async Task Commands_queued_during_a_flush_follow_the_ones_before_them()
    {
        var store = new MemoryClientStore();
        var transport = new RecordingTransport();
        var outbox = new CommandOutbox(store, transport);
        await outbox.LoadAsync();
        var ids = new List<string>();
        var flushes = new List<Task>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await outbox.EnqueueAsync("add-line", Order, Line(i))).CommandId);
            flushes.Add(outbox.FlushAsync());
        }
        await Task.WhenAll(flushes);
        await outbox.FlushAsync();

        Assert.Equal(ids, transport.Sent.Select(s => s.CommandId));
        Assert.Empty(await store.LoadOutboxAsync());
    }

    [Fact]
    public async Task A_command_is_kept_at_once_while_a_batch_is_on_its_way_and_goes_with_the_next()
    {
        var transport = new HeldTransport();
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        var first = await outbox.EnqueueAsync("add-line", Order, Line(1));
        var flushing = outbox.FlushAsync();
        await transport.Sending.Task;

        // The appliance has not answered yet: the tap is kept anyway, without waiting for it.
        var second = await outbox.EnqueueAsync("add-line", Order, Line(2)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, outbox.Waiting);

        transport.Answer.SetResult();
        await flushing;
        Assert.Equal(0, outbox.Waiting);
        Assert.Equal([[first.CommandId], [second.CommandId]], transport.Batches);
    }

    /// <summary>Holds its first batch until the test lets it be answered.</summary>
    private sealed class HeldTransport : ICommandTransport
    {
        public TaskCompletionSource Sending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string[]> Batches { get; } = [];

        public async Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken)
        {
            Batches.Add([.. commands.Select(c => c.CommandId)]);
            Sending.TrySetResult();
            await Answer.Task;
            return new BatchAttempt.Answered([.. commands.Select(c => new CommandAnswer(c.CommandId, "applied", 1, null, null))]);
        }
    }

    [Fact]
    public async Task An_unauthorized_device_keeps_its_commands()
    {
        var outbox = new CommandOutbox(new MemoryClientStore(), new RevokedTransport());
        await outbox.LoadAsync();
        await outbox.EnqueueAsync("fire", Order, null);

        Assert.IsType<BatchAttempt.Unauthorized>(await outbox.FlushAsync());
        Assert.Equal(1, outbox.Waiting);
    }

    private sealed class RevokedTransport : ICommandTransport
    {
        public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
            Task.FromResult<BatchAttempt>(new BatchAttempt.Unauthorized("revoked"));
    }
}
