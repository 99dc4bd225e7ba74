using System.Net.Http.Headers;
using System.Text.Json;
using Pos.Client.Http;
using Pos.Client.Live;
using Pos.Client.Outbox;
using Pos.Client.Staff;
using Pos.Client.Storage;
using Pos.Contracts.Orders;
using Pos.Contracts.Sync;

namespace Pos.Client;

/// <summary>
/// A device of the store, as a terminal, the staff app or a test drives it: commands go into the outbox and reach
/// the appliance when it can be reached, in order, once each; reads come from the appliance and are kept in the
/// local copy, which also takes every order the appliance answers a command with. What became of each command is
/// raised as <see cref="Settled"/> (a conflict carries the order as it stands). The device's token is its identity;
/// a person signed in with their PIN (<see cref="Staff"/>) adds theirs to what they do (StoreDevice.Staff.cs).
/// </summary>
public sealed partial class StoreDevice : IAsyncDisposable
{
    private readonly TimeProvider _time;

    private StoreDevice(string deviceId, ApplianceApi api, CommandOutbox outbox, OutboxPump pump, LocalCopy local, StaffSessions staff, TimeProvider time)
    {
        DeviceId = deviceId;
        Api = api;
        Outbox = outbox;
        Pump = pump;
        Local = local;
        Staff = staff;
        _time = time;
        Outbox.BeforeSettled = KeepAnswerAsync;
        Outbox.Settled += OnSettled;
    }

    public string DeviceId { get; }
    public ApplianceApi Api { get; }
    public CommandOutbox Outbox { get; }
    public OutboxPump Pump { get; }
    public LocalCopy Local { get; }

    /// <summary>Other devices' changes as they happen, once <see cref="StartLiveUpdatesAsync"/> started them; else null.</summary>
    public LiveUpdates? Live { get; private set; }

    /// <summary>What became of each command, in the order queued.</summary>
    public event Action<SettledCommand>? Settled;

    /// <summary>
    /// Opens a device on <paramref name="store"/>: loads its outbox and local copy and starts sending. The
    /// <paramref name="http"/> client's base address is the appliance; the device's token is set on it here (a person's
    /// session token is set on each request of theirs).
    /// </summary>
    public static async Task<StoreDevice> OpenAsync(
        HttpClient http, string deviceId, string token, IClientStore store, OutboxPumpOptions? pumpOptions = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var staff = new StaffSessions(store, time);
        await staff.LoadAsync(cancellationToken);
        var outbox = new CommandOutbox(store, new HttpCommandTransport(http, deviceId, staff), time);
        await outbox.LoadAsync(cancellationToken);
        var local = new LocalCopy(store);
        await local.LoadAsync(cancellationToken);
        var device = new StoreDevice(deviceId, new ApplianceApi(http), outbox, new OutboxPump(outbox, pumpOptions, time), local, staff,
            time ?? TimeProvider.System);
        device.Pump.Start();
        return device;
    }

    /// <summary>Reads the menu and the open orders from the appliance into the local copy.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (await Api.GetMenuAsync(cancellationToken) is { } menu)
        {
            await Local.SetMenuAsync(menu, cancellationToken);
        }
        var mark = Local.Mark;
        await Local.SetOpenOrdersAsync(await Api.ListOpenOrdersAsync(cancellationToken), mark, cancellationToken);
    }

    /// <summary>
    /// Opts in to live updates: opens the appliance's event stream (orders and menu), then reads the menu and open
    /// orders, so nothing written meanwhile is missed; from then on other devices' changes reach <see cref="Local"/>
    /// by themselves. <paramref name="options"/> shapes the reader (in the browser: ask for response streaming).
    /// </summary>
    public async Task StartLiveUpdatesAsync(EventStreamReaderOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (Live is not null)
        {
            return;
        }
        Live = new LiveUpdates(Api, Local, options, time);
        await Live.StartAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    public Task<QueuedCommand> OpenOrderAsync(Guid orderId, Channel channel, string? table = null, int? guests = null, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.OpenOrder, orderId, new OpenOrderRequest(orderId, channel, table, guests), null, cancellationToken);

    public Task<QueuedCommand> AddLineAsync(
        Guid orderId, Guid lineId, string menuItemId, int quantity, string? note = null, IReadOnlyList<string>? modifiers = null,
        CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.AddLine, orderId, new AddLineRequest(lineId, menuItemId, quantity, note, modifiers), null, cancellationToken);

    public Task<QueuedCommand> VoidLineAsync(Guid orderId, Guid lineId, string reason, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.VoidLine, orderId, new VoidLinePayload(lineId, reason), null, cancellationToken);

    public Task<QueuedCommand> FireAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Fire, orderId, null, null, cancellationToken);

    /// <summary>Fires one course's pending lines (held ones too): "fire mains".</summary>
    public Task<QueuedCommand> FireCourseAsync(Guid orderId, int course, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Fire, orderId, new FireRequest(course), null, cancellationToken);

    /// <summary>
    /// Adds a line with the options chosen of the item's modifier groups, the guest's seat, the course, and whether it
    /// is held until its course is fired.
    /// </summary>
    public Task<QueuedCommand> AddLineAsync(Guid orderId, AddLineRequest line, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.AddLine, orderId, line, null, cancellationToken);

    public Task<QueuedCommand> AddPaymentAsync(
        Guid orderId, Guid paymentId, Tender tender, long amountMinor, long? tipMinor = null, string? reference = null,
        CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.AddPayment, orderId, new AddPaymentRequest(paymentId, tender, amountMinor, tipMinor, reference), null, cancellationToken);

    /// <summary>Closes the order; with <paramref name="expectedVersion"/>, only if nobody changed it since that version.</summary>
    public Task<QueuedCommand> CloseAsync(Guid orderId, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Close, orderId, null, expectedVersion, cancellationToken);

    /// <summary>Prints the guest check on the printer named, else this device's receipt printer (of <paramref name="station"/>, else the store's default).</summary>
    public Task<QueuedCommand> PrintCheckAsync(Guid orderId, string? printerId = null, string? station = null, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.PrintCheck, orderId, new PrintCheckRequest(printerId, station), null, cancellationToken);

    /// <summary>Prints the receipt (after a payment) on the printer named, else this device's receipt printer.</summary>
    public Task<QueuedCommand> PrintReceiptAsync(Guid orderId, string? printerId = null, string? station = null, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.PrintReceipt, orderId, new PrintCheckRequest(printerId, station), null, cancellationToken);

    /// <summary>Queues any command of the batch route with its payload (the route's body as JSON).</summary>
    public async Task<QueuedCommand> QueueAsync(
        string type, Guid orderId, JsonElement? payload, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        var command = await Outbox.EnqueueAsync(type, orderId, payload, expectedVersion, Staff.Current?.EmployeeId, cancellationToken);
        Pump.Nudge();
        return command;
    }

    private Task<QueuedCommand> QueueAsync<TPayload>(
        string type, Guid orderId, TPayload payload, int? expectedVersion, CancellationToken cancellationToken) =>
        QueueAsync(type, orderId, payload is null ? null : JsonSerializer.SerializeToElement(payload, WireJson.Info<TPayload>()),
            expectedVersion, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Outbox.Settled -= OnSettled;
        Outbox.BeforeSettled = null;
        if (Live is not null)
        {
            await Live.DisposeAsync();
        }
        await Pump.DisposeAsync();
    }

    private async Task KeepAnswerAsync(SettledCommand settled, CancellationToken cancellationToken)
    {
        if (settled.OrderAsItStands is { } json && json.Deserialize(WireJson.Info<OrderView>()) is { } view)
        {
            await Local.TakeAsync(view, cancellationToken);
        }
    }

    private void OnSettled(SettledCommand settled)
    {
        Settled?.Invoke(settled);
        // The last command of someone who signed out here has gone: their session can end now.
        if (settled.Command.EmployeeId is { } by && Staff.Current?.EmployeeId != by && Staff.Leaving.Any(s => s.EmployeeId == by)
            && !Outbox.Pending.Any(c => c.EmployeeId == by))
        {
            _ = EndLeavingQuietlyAsync();
        }
    }

    // Best effort, off the settling path: a failure leaves the session to the next settled command or sign-in.
    private async Task EndLeavingQuietlyAsync()
    {
        try
        {
            await EndLeavingSessionsAsync();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // The device was closed meanwhile, or the store refused the write: nothing is lost, the session stays kept.
        }
    }
}
