using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Http;
using Microsoft.JSInterop;
using Pos.Client;
using Pos.Client.Http;
using Pos.Client.Live;
using Pos.Client.Outbox;
using Pos.Contracts.Devices;
using Pos.Contracts.Orders;
using Pos.StaffApp.Pairing;

namespace Pos.StaffApp.Device;

/// <summary>
/// This phone as a device of the store, for the whole life of the app: its identity (kept in localStorage), and once
/// paired its <see cref="StoreDevice"/> on the IndexedDB store, so commands are queued on the phone first and reach
/// the appliance when it can be reached. A revoked phone (401) is unpaired here; its waiting commands stay in the
/// phone's outbox and are named on the pairing screen, to be sent once the phone is paired again.
/// </summary>
public sealed class DeviceSession(IJSRuntime js, DeviceToken token, Uri applianceAddress, TimeProvider time, ILogger<DeviceSession> logger)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The localStorage key of the paired identity (device id, role, name; the token is kept by <see cref="DeviceToken"/>).</summary>
    public const string IdentityKey = "pos.device";

    private readonly IndexedDbClientStore _store = new(js);
    private readonly List<OrderProblem> _problems = [];
    private readonly Dictionary<(string Code, string? Name), string> _pairingKeys = [];
    private Task? _starting;
    private DotNetObjectReference<DeviceSession>? _self;

    public PairedDevice? Identity { get; private set; }
    public StoreDevice? Device { get; private set; }

    /// <summary>Whether the last read from the appliance got an answer.</summary>
    public bool ApplianceReachable { get; private set; } = true;

    /// <summary>Set when the appliance refused this phone's token: why it must pair again.</summary>
    public string? RevokedMessage { get; private set; }

    /// <summary>The commands the phone still keeps from before it was revoked.</summary>
    public IReadOnlyList<QueuedCommand> KeptCommands { get; private set; } = [];

    /// <summary>Raised when anything shown changed: the outbox, the local copy, the link, a problem, the identity.</summary>
    public event Action? Changed;

    /// <summary>Raised once when the appliance refused this phone's token.</summary>
    public event Action? Revoked;

    /// <summary>Raised when the session of the person signed in ended without their sign-out (expired, ended elsewhere).</summary>
    public event Action? StaffSessionEnded;

    /// <summary>The person signed in on this phone, or null.</summary>
    public Pos.Client.Staff.StaffSignIn? Person => Device?.Staff.Current;

    /// <summary>The role this phone acts with now: the person's signed in, else the device's.</summary>
    public string? Role => Person?.Role ?? Identity?.Role;

    public int Waiting => Device?.Outbox.Waiting ?? 0;

    public IReadOnlyList<OrderProblem> Problems => _problems;

    /// <summary>The order as the appliance last answered it, closed ones included.</summary>
    public OrderView? LastSeen(Guid orderId) => Device is { } device ? device.Local.Order(orderId) ?? device.Local.ClosedOrder(orderId) : null;

    /// <summary>Reads the identity and opens the device; runs once, later calls wait for the first.</summary>
    public Task StartAsync() => _starting ??= StartOnceAsync();

    private async Task StartOnceAsync()
    {
        _self = DotNetObjectReference.Create(this);
        await _store.WatchNetworkAsync(_self);
        var kept = await js.InvokeAsync<string?>("localStorage.getItem", IdentityKey);
        if (kept is not null && await token.GetAsync() is not null)
        {
            Identity = JsonSerializer.Deserialize(kept, StaffAppJson.Default.PairedDevice);
        }
        if (Identity is not null)
        {
            await OpenDeviceAsync();
        }
        else
        {
            KeptCommands = await _store.LoadOutboxAsync();
        }
        Changed?.Invoke();
    }

    /// <summary>How many times one tap sends the pairing when the network fails, and how long it waits between them.</summary>
    private const int PairingSends = 3;
    private static readonly TimeSpan PairingResendAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pairs this phone with a one-time code; null when it worked, else what to tell the person. Each pairing (a code
    /// and a name) has an Idempotency-Key made once: a send whose answer is lost to the network is sent again with it,
    /// and so is the person's next tap after a failure, so a code the first send used still answers this phone's
    /// device and token, never "used".
    /// </summary>
    public async Task<string?> PairAsync(string code, string? name)
    {
        // The pairing screen shows its form before the session's start has read what the phone keeps. A code typed at
        // once waits for that read: had the start found the new identity, or a pairing gone on past the one it found,
        // two devices (two pumps, two event streams) would work over the one outbox.
        await StartAsync();
        if (Identity is { } already)
        {
            return $"This phone is paired already, as {already.Name}: the code was not used.";
        }
        if (!_pairingKeys.TryGetValue((code, name), out var key))
        {
            _pairingKeys[(code, name)] = key = Guid.NewGuid().ToString();
        }
        using var http = new HttpClient { BaseAddress = applianceAddress };
        HttpResponseMessage answer;
        for (var send = 1; ; send++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/pairing")
            {
                Content = JsonContent.Create(new PairDeviceRequest(code, name), StaffAppJson.Default.PairDeviceRequest),
            };
            request.Headers.Add(IdempotencyKeyHeader, key);
            try
            {
                answer = await http.SendAsync(request);
                break;
            }
            // A lost connection or a timeout: the answer may be lost, and the same key gets it again.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && send < PairingSends)
            {
                await Task.Delay(PairingResendAfter * send, time);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return "The appliance cannot be reached: check that the phone is on the store's Wi-Fi, then try again.";
            }
        }
        using (answer)
        {
            if (!answer.IsSuccessStatusCode)
            {
                return answer.StatusCode switch
                {
                    HttpStatusCode.TooManyRequests => "Too many tries from this phone: wait a minute, then try again.",
                    HttpStatusCode.ServiceUnavailable =>
                        "The appliance could not finish pairing this phone just now: try again in a moment (with the same code).",
                    HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Gone or HttpStatusCode.Conflict =>
                        "That code is not valid: it may be mistyped, used already or older than 10 minutes. Ask the manager for a new one.",
                    _ => $"The appliance could not pair this phone (it answered {(int)answer.StatusCode}).",
                };
            }
            var paired = await answer.Content.ReadFromJsonAsync(StaffAppJson.Default.PairedDevice)
                ?? throw new InvalidOperationException("The appliance answered the pairing with an empty body.");
            await token.SetAsync(paired.Token);
            await js.InvokeVoidAsync("localStorage.setItem", IdentityKey,
                JsonSerializer.Serialize(paired with { Token = "" }, StaffAppJson.Default.PairedDevice));
            Identity = paired with { Token = "" };
            RevokedMessage = null;
            KeptCommands = [];
            await OpenDeviceAsync();
            Changed?.Invoke();
            return null;
        }
    }

    /// <summary>Reads the menu and the open orders from the appliance into the phone's copy.</summary>
    public async Task RefreshAsync()
    {
        if (Device is not { } device)
        {
            return;
        }
        try
        {
            await device.RefreshAsync();
            ApplianceReachable = true;
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            await UnpairAsync();
            return;
        }
        catch (HttpRequestException)
        {
            ApplianceReachable = false;
        }
        catch (TaskCanceledException)
        {
            ApplianceReachable = false; // timed out
        }
        catch (JsonException e)
        {
            logger.LogError(e, "The appliance's menu or orders could not be read");
        }
        Changed?.Invoke();
    }

    /// <summary>Sets whether the appliance answered (the banner's status read tells this too).</summary>
    public void SeenAppliance(bool reachable)
    {
        if (reachable != ApplianceReachable)
        {
            ApplianceReachable = reachable;
            Changed?.Invoke();
        }
    }

    public void Dismiss(OrderProblem problem)
    {
        _problems.Remove(problem);
        Changed?.Invoke();
    }

    /// <summary>The browser says the network is back: send what waits now.</summary>
    [JSInvokable]
    public void NetworkBack() => Device?.Pump.Nudge();

    /// <summary>The appliance refused the token: forget it, keep the waiting commands, tell the screens.</summary>
    public async Task UnpairAsync()
    {
        if (Device is not { } device)
        {
            return;
        }
        Device = null;
        device.Outbox.Changed -= OnChanged;
        device.Local.Changed -= OnChanged;
        device.Pump.StateChanged -= OnPumpState;
        device.Settled -= OnSettled;
        device.Pump.Faulted -= OnFaulted;
        device.Staff.Changed -= OnChanged;
        device.Staff.Ended -= OnStaffEnded;
        await device.DisposeAsync();
        // Read once the pump stopped: a command it was still sending is named only if it did not leave.
        KeptCommands = device.Outbox.Pending;
        await token.ForgetAsync();
        await js.InvokeVoidAsync("localStorage.removeItem", IdentityKey);
        Identity = null;
        RevokedMessage = "The appliance no longer knows this phone (it was revoked, or paired again elsewhere). Ask the manager for a pairing code.";
        Changed?.Invoke();
        Revoked?.Invoke();
    }

    private async Task OpenDeviceAsync()
    {
        var http = new HttpClient { BaseAddress = applianceAddress };
        var device = await StoreDevice.OpenAsync(http, Identity!.DeviceId, (await token.GetAsync())!, _store,
            new OutboxPumpOptions { FirstRetry = TimeSpan.FromSeconds(1), LongestRetry = TimeSpan.FromSeconds(5) });
        device.Outbox.Changed += OnChanged;
        device.Local.Changed += OnChanged;
        device.Pump.StateChanged += OnPumpState;
        device.Settled += OnSettled;
        device.Pump.Faulted += OnFaulted;
        device.Staff.Changed += OnChanged;
        device.Staff.Ended += OnStaffEnded;
        Device = device;
        // The stream's opening reads the menu and the open orders once it is open; started after the next frame, so
        // the screen drawn from the phone's own copy shows before the appliance's answers are read.
        _ = FollowAfterPaintAsync(device);
    }

    /// <summary>How long the stream may take to open before the menu and orders are read without it.</summary>
    private static readonly TimeSpan StreamOpensWithin = TimeSpan.FromSeconds(5);

    private async Task FollowAfterPaintAsync(StoreDevice device)
    {
        await _store.AfterPaintAsync();
        var following = FollowAsync(device);
        // A stream that does not open (no slot, a proxy that buffers it) must not leave the phone without the appliance's
        // menu and orders: they are read plainly then, and again by the stream once it opens.
        if (await Task.WhenAny(following, Task.Delay(StreamOpensWithin, time)) != following)
        {
            await RefreshAsync();
        }
        await following;
    }

    /// <summary>
    /// Opens the appliance's event stream for this phone, so other devices' orders and the menu reach the screens
    /// without a reload; the reader reconnects by itself after a drop and ends when the token is refused, which sends
    /// the phone back to pairing at once, without waiting for its next command.
    /// </summary>
    private async Task FollowAsync(StoreDevice device)
    {
        try
        {
            // The browser's fetch hands the answer over only once it is whole unless told to stream it.
            await device.StartLiveUpdatesAsync(new EventStreamReaderOptions { PrepareRequest = static r => r.SetBrowserResponseStreamingEnabled(true) });
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The stream is open (the reader retries by itself until it is), the read after it failed: read again once,
            // which also tells the banner whether the appliance answers; the next event brings anything later.
            await RefreshAsync();
        }
        catch (JsonException e)
        {
            logger.LogError(e, "The appliance's menu or orders could not be read");
        }
        if (device.Live is not { } live || Device != device)
        {
            return;
        }
        live.Reader.StateChanged += state =>
        {
            if (state == EventStreamState.Revoked && Device == device)
            {
                _ = UnpairAsync();
            }
        };
        if (live.Reader.State == EventStreamState.Revoked)
        {
            await UnpairAsync();
        }
    }

    private void OnChanged() => Changed?.Invoke();

    private void OnStaffEnded(Pos.Client.Staff.StaffSignIn person) => StaffSessionEnded?.Invoke();

    // The pump goes on and the banner says it; the browser's console keeps the stack for whoever looks.
    private void OnFaulted(Exception e) => logger.LogError(e, "Sending the outbox failed on this phone");

    private void OnPumpState()
    {
        if (Device?.Pump.State == LinkState.Unauthorized)
        {
            _ = UnpairAsync();
            return;
        }
        SeenAppliance(Device?.Pump.State is not LinkState.Away);
    }

    private void OnSettled(SettledCommand settled)
    {
        // A landed command's order is in the local copy already (the device keeps every answer before it tells).
        if (!settled.Landed)
        {
            var problem = settled.Problem is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null;
            var view = settled.OrderAsItStands?.Deserialize(WireJson.Info<OrderView>());
            _problems.Add(new OrderProblem(settled.Command.OrderId, settled.Command.Type, settled.Outcome, Explain(problem), view)
            {
                Command = settled.Command,
                Code = Member(problem, "code"),
                Permission = Member(problem, "permission"),
            });
        }
        Changed?.Invoke();
    }

    private static string? Member(JsonElement? problem, string name) =>
        problem is { } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Explain(JsonElement? problem)
    {
        if (problem is not { } p)
        {
            return "The appliance refused it.";
        }
        foreach (var field in (string[])["detail", "title"])
        {
            if (p.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } s)
            {
                return s;
            }
        }
        return "The appliance refused it.";
    }
}

/// <summary>
/// A command the appliance did not apply (conflict or rejected), with the order as it stands when it said; the command
/// itself, the problem's code and, for a refusal for want of a permission, the permission (a manager may approve it).
/// </summary>
public sealed record OrderProblem(Guid OrderId, string CommandType, string Outcome, string Reason, OrderView? OrderAsItStands)
{
    public QueuedCommand? Command { get; init; }
    public string? Code { get; init; }
    public string? Permission { get; init; }
}
