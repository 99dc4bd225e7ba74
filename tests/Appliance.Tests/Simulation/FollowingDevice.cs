using System.Collections.Concurrent;
using System.Text.Json;
using Pos.Client;
using Pos.Client.Live;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The device that follows live updates, as the staff app does: a <see cref="StoreDevice"/> of the client library on a
/// file store of its own (outbox, pump, local copy) with <see cref="StoreDevice.StartLiveUpdatesAsync"/> keeping its
/// local copy in step from the event stream, and a second reading of the stream (<see cref="Tail"/>, every kind, from
/// when it was paired) kept whole to hold against the journal. Some of a seed's commands are its own: queued in its
/// outbox and sent by its pump, each awaited until settled (so a seed draws the same choices when replayed).
/// </summary>
internal sealed class FollowingDevice : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _folder;
    private readonly FileClientStore _store;
    private readonly ConcurrentQueue<Exception> _faults = new();
    private TaskCompletionSource<SettledCommand>? _next;

    private FollowingDevice(string folder, FileClientStore store, StoreDevice device, EventTail tail)
    {
        _folder = folder;
        _store = store;
        Device = device;
        Tail = tail;
        Device.Settled += OnSettled;
        Device.Pump.Faulted += _faults.Enqueue;
    }

    public string Id => Device.DeviceId;
    public StoreDevice Device { get; }
    public EventTail Tail { get; }

    /// <summary>
    /// Opens the device on a new file store, with <paramref name="http"/> (the appliance's address; disposed with the
    /// device), starts its live updates and the whole reading after <paramref name="head"/>.
    /// </summary>
    public static async Task<FollowingDevice> OpenAsync(HttpClient http, string deviceId, string token, long head)
    {
        var folder = Directory.CreateTempSubdirectory($"pos-{deviceId}-").FullName;
        var store = new FileClientStore(folder);
        var device = await StoreDevice.OpenAsync(http, deviceId, token, store,
            new OutboxPumpOptions { FirstRetry = TimeSpan.FromMilliseconds(100), LongestRetry = TimeSpan.FromSeconds(1) });
        await device.StartLiveUpdatesAsync(new EventStreamReaderOptions { ReconnectDelay = TimeSpan.FromMilliseconds(100) });
        var tail = await EventTail.StartAsync(device.Api.Http, head);
        return new FollowingDevice(folder, store, device, tail);
    }

    /// <summary>
    /// Forgets the orders of earlier seeds (as a list of open orders that no longer names them does), so the copy it
    /// writes on every change stays the size of a floor, not of every seed run so far.
    /// </summary>
    public async Task ForgetEarlierOrdersAsync() => await Device.Local.SetOpenOrdersAsync([], Device.Local.Mark);

    /// <summary>
    /// Queues <paramref name="command"/> in the outbox (the pump sends it) and waits until it is settled: one at a time,
    /// so the next settled command is this one.
    /// </summary>
    public async Task<SettledCommand> SendAsync(SimulatedCommand command)
    {
        var payload = JsonSerializer.SerializeToElement(command.Payload, PosClient.Json);
        var settled = new TaskCompletionSource<SettledCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _next, settled); // before queueing: the answer may come before QueueAsync returns
        var queued = await Device.QueueAsync(command.Type, command.OrderId, payload, null);
        var result = await settled.Task.WaitAsync(Deadline);
        Assert.Equal(queued.CommandId, result.Command.CommandId);
        Assert.Equal(0, Device.Outbox.Waiting);
        return result;
    }

    /// <summary>Fails on what its pump or its streams ran into.</summary>
    public void EnsureHealthy()
    {
        if (_faults.TryPeek(out var fault))
        {
            throw new InvalidOperationException($"{Id}'s outbox pump faulted.", fault);
        }
        Tail.EnsureReading(Id);
        if (Device.Live is { Running.IsCompleted: true } live)
        {
            throw new InvalidOperationException($"{Id}'s live updates stopped (reader {live.Reader.State}).", live.Running.Exception);
        }
    }

    /// <summary>
    /// Waits (polling, with a deadline) until the local copy holds each of <paramref name="orders"/> as the appliance
    /// serves it: an open order at the same version with the same lines, a closed one no longer among the open orders.
    /// </summary>
    public async Task AssertInStepAsync(IEnumerable<Guid> orders)
    {
        foreach (var orderId in orders)
        {
            await Poll.UntilAsync(
                async () => (Server: await Device.Api.GetOrderAsync(orderId), Local: Device.Local.Order(orderId)),
                pair => InStep(pair.Server, pair.Local), Deadline, $"{Id}'s local copy of order {orderId} to be the appliance's");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Device.Settled -= OnSettled;
        await Tail.DisposeAsync();
        await Device.DisposeAsync();
        Device.Api.Http.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static bool InStep(OrderView? server, OrderView? local) => server switch
    {
        null => local is null,
        { Status: OrderStatus.Open } => local is not null && local.Version == server.Version && LinesOf(local) == LinesOf(server),
        _ => local is null,
    };

    private static string LinesOf(OrderView order) => JsonSerializer.Serialize(order.Lines, PosClient.Json);

    private void OnSettled(SettledCommand settled) => Interlocked.Exchange(ref _next, null)?.TrySetResult(settled);
}
