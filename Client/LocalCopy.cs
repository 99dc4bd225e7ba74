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

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, OrderView> _orders = [];

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

    /// <summary>Replaces the open orders with the appliance's list.</summary>
    public async Task SetOpenOrdersAsync(IReadOnlyList<OrderView> orders, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _orders.Clear();
            foreach (var o in orders.Where(o => o.Status == OrderStatus.Open))
            {
                _orders[o.OrderId] = o;
            }
        }
        await SaveOrdersAsync(cancellationToken);
    }

    /// <summary>Takes an order as the appliance answered it, unless an answer already gave a newer version.</summary>
    public async Task TakeAsync(OrderView order, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue(order.OrderId, out var known) && known.Version >= order.Version)
            {
                return;
            }
            if (order.Status == OrderStatus.Open)
            {
                _orders[order.OrderId] = order;
            }
            else
            {
                _orders.Remove(order.OrderId);
            }
        }
        await SaveOrdersAsync(cancellationToken);
    }

    private async Task SaveOrdersAsync(CancellationToken cancellationToken)
    {
        List<OrderView> snapshot;
        lock (_gate)
        {
            snapshot = [.. _orders.Values];
        }
        await store.WriteAsync(OrdersDocument, JsonSerializer.Serialize(snapshot, WireJson.Info<List<OrderView>>()), cancellationToken);
        Changed?.Invoke();
    }
}
