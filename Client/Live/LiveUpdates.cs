using Pos.Client.Http;
using Pos.Contracts.Journal;

namespace Pos.Client.Live;

/// <summary>
/// Keeps a device's local copy in step with what other devices do, from the appliance's event stream: an event of an
/// order this device holds (or a new order) reads that order again into the local copy, an event of the menu or of an
/// item's availability (the 86) reads the
/// menu again; <see cref="LocalCopy.Changed"/> tells the screens. An event this device's own command already brought
/// (the local copy has that version) costs nothing. Runs until disposed or until the token is revoked.
/// </summary>
public sealed class LiveUpdates : IAsyncDisposable
{
    /// <summary>The stream kinds read: orders and the menu.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["order", "menu"];

    private const string OrderStreamPrefix = "order-";
    private const string MenuStream = "menu";

    /// <summary>The items' availability (the 86): part of the menu as the appliance answers it.</summary>
    private const string AvailabilityStream = "availability";
    private const string OrderOpened = "OrderOpened";

    /// <summary>How many times a menu answer older than the entry that asked for it is read (the waits grow by this much).</summary>
    private const int MenuReads = 12;
    private static readonly TimeSpan MenuReadAgainAfter = TimeSpan.FromMilliseconds(50);

    private readonly ApplianceApi _api;
    private readonly TimeProvider _time;
    private readonly LocalCopy _local;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public LiveUpdates(ApplianceApi api, LocalCopy local, EventStreamReaderOptions? options = null, TimeProvider? time = null)
    {
        _api = api;
        _local = local;
        _time = time ?? TimeProvider.System;
        Reader = new EventStreamReader(api.Http, options, time);
        Reader.StateChanged += OnStateChanged;
    }

    public EventStreamReader Reader { get; }

    /// <summary>How many events were applied (read again or found known already).</summary>
    public int Applied { get; private set; }

    /// <summary>The reading loop: completes when revoked or disposed, faults on a bug (the caller logs it).</summary>
    public Task Running => _loop ?? Task.CompletedTask;

    /// <summary>Starts reading; completes once the stream is open (or the token was refused).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return _connected.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Reader.StateChanged -= OnStateChanged;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var entry in Reader.ReadAsync(null, [.. Kinds], stop))
            {
                await ApplyAsync(entry, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            _connected.TrySetResult();
        }
    }

    private async Task ApplyAsync(JournalEventResponse entry, CancellationToken stop)
    {
        try
        {
            if (entry.StreamId is MenuStream or AvailabilityStream)
            {
                await ReadMenuAsync(entry, stop);
            }
            else if (entry.StreamId.StartsWith(OrderStreamPrefix, StringComparison.Ordinal)
                && Guid.TryParse(entry.StreamId.AsSpan(OrderStreamPrefix.Length), out var orderId))
            {
                var known = _local.Order(orderId);
                var wanted = known is not null ? known.Version < entry.StreamVersion : entry.Type == OrderOpened;
                if (wanted && await _api.GetOrderAsync(orderId, stop) is { } order)
                {
                    await _local.TakeAsync(order, stop);
                }
            }
            Applied++;
        }
        catch (HttpRequestException)
        {
            // The appliance went away between the event and the read: the stream drops too and the next event of this
            // order (or a refresh) brings it. Nothing is lost: the appliance keeps the order.
        }
    }

    /// <summary>
    /// Reads the menu into the local copy until the answer shows the entry: the appliance answers the menu from memory,
    /// which its grain fills just after the commit the entry comes from, so a read at once may still be the one before.
    /// </summary>
    private async Task ReadMenuAsync(JournalEventResponse entry, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await _api.GetMenuAsync(stop) is not { } menu)
            {
                return;
            }
            var shown = entry.StreamId == MenuStream ? menu.Version : menu.AvailabilityVersion;
            if (shown >= entry.StreamVersion || attempt == MenuReads)
            {
                await _local.SetMenuAsync(menu, stop);
                return;
            }
            await Task.Delay(MenuReadAgainAfter * attempt, _time, stop);
        }
    }

    private void OnStateChanged(EventStreamState state)
    {
        if (state is EventStreamState.Connected or EventStreamState.Revoked)
        {
            _connected.TrySetResult();
        }
    }
}
