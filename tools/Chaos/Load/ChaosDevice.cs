using System.Net.Http.Json;
using Pos.Client;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Contracts.Orders;

namespace Pos.Chaos.Load;

/// <summary>
/// A terminal of the store as the client library makes one (<see cref="StoreDevice"/>): its outbox on a file store of
/// its own, sending with retries and backoff and each command under its id, taking whole orders one after another
/// (open, one to three lines, fire, pay by card, close) and queueing up to <see cref="MostOrdersAhead"/> orders while
/// the appliance is away. Every command it queued and every answer it had go to the run's <see cref="CommandLog"/>.
/// </summary>
public sealed class ChaosDevice : IAsyncDisposable
{
    /// <summary>Orders queued ahead of the answers at most: a terminal keeps taking orders offline, a few at a time.</summary>
    public const int MostOrdersAhead = 3;

    private const int CommandsPerOrderAtMost = 6;

    private readonly StoreDevice _device;
    private readonly FileClientStore _store;
    private readonly HttpClient _http;
    private readonly CommandLog _log;
    private readonly Random _random;
    private readonly int _paceMs;
    private int _orders;

    private ChaosDevice(string id, StoreDevice device, FileClientStore store, HttpClient http, CommandLog log, Random random, int paceMs)
    {
        Id = id;
        _device = device;
        _store = store;
        _http = http;
        _log = log;
        _random = random;
        _paceMs = paceMs;
        _device.Settled += s => _log.Answered(s.Command.CommandId, s.Outcome);
    }

    public string Id { get; }

    /// <summary>Commands queued and not answered yet.</summary>
    public int Waiting => _device.Outbox.Waiting;

    /// <summary>Registers the device with the admin token and opens it on a file store in <paramref name="folder"/>.</summary>
    public static async Task<ChaosDevice> OpenAsync(
        string id, Uri appliance, HttpClient admin, string folder, CommandLog log, int seed, int paceMs, CancellationToken cancellationToken)
    {
        using var registered = await admin.PostAsJsonAsync("/api/v1/devices", new { deviceId = id, name = $"Chaos {id}", role = "server" }, cancellationToken);
        var token = (await Stack.ChaosStack.ReadAsync(registered, cancellationToken)).GetProperty("token").GetString()!;
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(3) })
        {
            BaseAddress = appliance,
            Timeout = TimeSpan.FromSeconds(20),
        };
        var store = new FileClientStore(folder);
        // Retries as a terminal on the LAN makes them, kept short so a restart is seen within a second.
        var pump = new OutboxPumpOptions { FirstRetry = TimeSpan.FromMilliseconds(100), LongestRetry = TimeSpan.FromSeconds(1) };
        var device = await StoreDevice.OpenAsync(http, id, token, store, pump, cancellationToken: cancellationToken);
        return new ChaosDevice(id, device, store, http, log, new Random(seed), paceMs);
    }

    /// <summary>Takes orders until <paramref name="stop"/>; the outbox goes on sending what is queued after that.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                while (Waiting > (MostOrdersAhead - 1) * CommandsPerOrderAtMost)
                {
                    await tick.WaitForNextTickAsync(stop);
                }
                await TakeOrderAsync(stop);
                if (_paceMs > 0)
                {
                    // A person's pace between two orders.
                    await Task.Delay(_random.Next(_paceMs / 2, _paceMs + 1), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run stops taking orders.
        }
    }

    /// <summary>Waits until every queued command has its answer.</summary>
    public async Task DrainAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow + within;
        while (Waiting > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Id}'s outbox still holds {Waiting} command(s) after {within.TotalSeconds:0} s ({_device.Pump.State}: {_device.Pump.LastProblem}).");
            }
            _device.Pump.Nudge();
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }

    private async Task TakeOrderAsync(CancellationToken cancellationToken)
    {
        var number = ++_orders;
        var orderId = Guid.NewGuid();
        // Queued with no token to stop them: a command half-kept is not how a terminal behaves.
        Keep(await _device.OpenOrderAsync(orderId, Channel.DineIn, $"{Id}-{number}", 2, CancellationToken.None), orderId);
        long total = 0;
        var lines = _random.Next(1, 4);
        for (var i = 1; i <= lines; i++)
        {
            var item = ChaosMenu.Items[_random.Next(ChaosMenu.Items.Count)];
            var quantity = _random.Next(1, 3);
            var lineId = Guid.NewGuid();
            // The tag names the line on paper: the checker finds each fired line on the tickets by it.
            var tag = $"{Id} o{number} l{i}";
            Keep(await _device.AddLineAsync(orderId, lineId, item.Id, quantity, tag, cancellationToken: CancellationToken.None), orderId, lineId, tag);
            total += ChaosMenu.LineTotal(item, quantity);
        }
        Keep(await _device.FireAsync(orderId, CancellationToken.None), orderId);
        var paymentId = Guid.NewGuid();
        Keep(await _device.AddPaymentAsync(orderId, paymentId, Tender.Card, total, cancellationToken: CancellationToken.None), orderId, paymentId);
        Keep(await _device.CloseAsync(orderId, cancellationToken: CancellationToken.None), orderId);
    }

    private void Keep(QueuedCommand command, Guid orderId, Guid? effectId = null, string? tag = null) =>
        _log.Sent(new SentCommand(Id, command.CommandId, command.Type, orderId, effectId, tag));

    public async ValueTask DisposeAsync()
    {
        await _device.DisposeAsync();
        _store.Dispose();
        _http.Dispose();
    }
}
