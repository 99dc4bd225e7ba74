using System.Text.Json;
using Pos.Client.Outbox;
using Pos.Client.Storage;

// Usage: Pos.Client.Probe <folder> <count>
// Queues <count> add-line commands on one order into a file store in <folder>, and after each one is kept (its
// EnqueueAsync returned) prints "kept <commandId> <n>" and flushes stdout, so a test that kills this process knows
// which commands it was told were kept. Sends nothing: the transport says the appliance is away.
if (args.Length != 2 || !int.TryParse(args[1], out var count))
{
    Console.Error.WriteLine("usage: Pos.Client.Probe <folder> <count>");
    return 2;
}
using var store = new FileClientStore(args[0]);
var outbox = new CommandOutbox(store, new Away());
await outbox.LoadAsync();
Console.Out.WriteLine($"loaded {outbox.Waiting}");
var orderId = Guid.Parse("6f1c4a52-3d55-4a43-9c0e-6f1de7a3e001");
for (var n = 0; n < count; n++)
{
    var payload = JsonSerializer.SerializeToElement(new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1, note = $"line {n}" });
    var command = await outbox.EnqueueAsync("add-line", orderId, payload);
    Console.Out.WriteLine($"kept {command.CommandId} {n}");
    Console.Out.Flush();
}
return 0;

internal sealed class Away : ICommandTransport
{
    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
        Task.FromResult<BatchAttempt>(new BatchAttempt.Unreachable("the probe never sends"));
}
