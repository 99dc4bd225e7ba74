using System.Text.Json;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.Client.Tests.Outbox;

/// <summary>Each batch tells the appliance how many commands wait behind it: the device's outbox depth in its metrics.</summary>
public sealed class OutboxDepthTests
{
    [Fact]
    public async Task Each_batch_says_how_many_commands_wait_behind_it_down_to_zero_with_the_last()
    {
        var transport = new RecordingTransport();
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        var order = Guid.NewGuid();
        for (var i = 0; i < 250; i++)
        {
            await outbox.EnqueueAsync("add-line", order, JsonSerializer.SerializeToElement(new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 }));
        }

        Assert.IsType<BatchAttempt.Answered>(await outbox.FlushAsync());

        Assert.Equal([250 - CommandOutbox.BatchSize, 250 - (2 * CommandOutbox.BatchSize), 0], transport.WaitingBesides);
    }
}
