using System.Text.Json;
using Pos.Client.Storage;
using Pos.Client.Http;
using Pos.Contracts.Menu;
using Pos.Contracts.Orders;

namespace Pos.Client;

/// <summary>
/// The device's own copy of what it needs to keep working without the appliance: the menu and the open orders, as
/// the appliance last answered them, kept in the store so a restart (or a reload of the page) starts from them.
/// </summary>
public sealed class LocalCopy(IClientStore store)
{
    private const string MenuDocument = "menu";
    private const string OrdersDocument = "open-orders";

    private const int ClosedKept = 1_000;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly Dictionary<Guid, OrderView> _orders = [];
    // Orders seen closed, as the appliance answered them: an older list never brings them back as open, and a screen
    // still showing one shows it closed.
    private readonly Dictionary<Guid, OrderView> _closed = [];
    // When each order was last taken from an answer (by the count of takes): a list read before that has not seen it.
    private readonly Dictionary<Guid, long> _takenAt = [];
    private long _takes;

    public MenuView? Menu { get; private set; }

    /// <summary>Raised after the menu or an order changed here.</summary>
    public event Action? Changed;

    /// <summary>The open orders, newest first.</summary>
    public IReadOnlyList<OrderView> OpenOrders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders.Values.OrderByDescending(o => o.OpenedAt)];
            }
        }
    }

    public OrderView? Order(Guid orderId)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    /// <summary>The order as it was when this device last saw it closed; null when it has not seen it closed.</summary>
    public OrderView? ClosedOrder(Guid orderId)
    {
        lock (_gate)
        {
            return _closed.GetValueOrDefault(orderId);
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(MenuDocument, cancellationToken) is { } menu)
        {
            Menu = JsonSerializer.Deserialize(menu, WireJson.Info<MenuView>());
        }
        if (await store.ReadAsync(OrdersDocument, cancellationToken) is { } orders)
        {
            lock (_gate)
            {
                _orders.Clear();
                foreach (var o in JsonSerializer.Deserialize(orders, WireJson.Info<List<OrderView>>()) ?? [])
                {
                    _orders[o.OrderId] = o;
                }
            }
        }
        Changed?.Invoke();
    }

    public async Task SetMenuAsync(MenuView menu, CancellationToken cancellationToken = default)
    {
        Menu = menu;
        await store.WriteAsync(MenuDocument, JsonSerializer.Serialize(menu, WireJson.Info<MenuView>()), cancellationToken);
        Changed?.Invoke();
    }

    /// <summary>How many answers the copy has taken so far: read it before asking for a list (<see cref="SetOpenOrdersAsync"/>).</summary>
    public long Mark
    {
        get
        {
            lock (_gate)
            {
                return _takes;
            }
        }
    }

    /// <summary>
    /// Takes the appliance's list of open orders, read after <paramref name="readAfter"/> (<see cref="Mark"/>). An answer
    /// may have come while the list was on its way, so: an order is replaced only by a newer version, one seen closed
    /// is never brought back, and an order missing from the list is dropped only if no answer gave it since.
    /// </summary>
    public async Task SetOpenOrdersAsync(IReadOnlyList<OrderView> orders, long readAfter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var listed = new HashSet<Guid>();
            foreach (var o in orders.Where(o => o.Status == OrderStatus.Open))
            {
                listed.Add(o.OrderId);
                var closedAt = _closed.GetValueOrDefault(o.OrderId)?.Version ?? 0;
                var known = _orders.GetValueOrDefault(o.OrderId);
                if (closedAt < o.Version && (known is null || known.Version < o.Version))
                {
                    _orders[o.OrderId] = o;
                }
            }
            foreach (var id in _orders.Keys.Where(id => !listed.Contains(id) && _takenAt.GetValueOrDefault(id) <= readAfter).ToList())
            {
                _orders.Remove(id);
                _takenAt.Remove(id);
            }
        }
        await SaveOrdersAsync(cancellationToken);
    }

    /// <summary>Takes an order as the appliance answered it, unless an answer already gave a newer version.</summary>
    public async Task TakeAsync(OrderView order, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var newest = Math.Max(_orders.GetValueOrDefault(order.OrderId)?.Version ?? 0, _closed.GetValueOrDefault(order.OrderId)?.Version ?? 0);
            if (newest >= order.Version)
            {
                return;
            }
            _takenAt[order.OrderId] = ++_takes;
            if (order.Status == OrderStatus.Open)
            {
                _orders[order.OrderId] = order;
            }
            else
            {
                _orders.Remove(order.OrderId);
                _takenAt.Remove(order.OrderId);
                if (_closed.Count >= ClosedKept)
                {
                    _closed.Clear(); // a list that old is long gone
                }
                _closed[order.OrderId] = order;
            }
        }
        await SaveOrdersAsync(cancellationToken);
    }

    // One write at a time, each of the copy as it stands when its turn comes: the last write holds the newest.
    private async Task SaveOrdersAsync(CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            List<OrderView> snapshot;
            lock (_gate)
            {
                snapshot = [.. _orders.Values];
            }
            await store.WriteAsync(OrdersDocument, JsonSerializer.Serialize(snapshot, WireJson.Info<List<OrderView>>()), cancellationToken);
        }
        finally
        {
            _saving.Release();
        }
        Changed?.Invoke();
    }
}
