using System.Diagnostics;
using Pos.Contracts.Orders;
using Pos.Grains.Commands;
using Pos.Grains.Orders;

namespace Pos.Grains.Tests.Orders;

/// <summary>
/// Memory stays bounded under a steady stream of orders: an order leaves the silo once it is closed (it used to stay
/// for the collection age, 30 minutes, so memory grew with every order of the last half hour: the soak saw it), an
/// open order stays, and a closed order still answers, rebuilt from its events.
/// </summary>
public sealed class ClosedOrderMemoryTests(OrderClusterTests.Cluster cluster) : IClassFixture<OrderClusterTests.Cluster>
{
    private static readonly CommandContext Till = new("till-1", null, null);

    [Fact]
    public async Task Closed_orders_leave_the_silo_and_open_ones_stay_so_activations_do_not_grow_with_the_orders_taken()
    {
        var stillOpen = Guid.NewGuid();
        await cluster.Grains.GetGrain<IOrderGrain>(stillOpen).Open(new OpenOrder(stillOpen, Channel.Takeout, null, null), Till);
        var closed = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var orderId = Guid.NewGuid();
            var order = cluster.Grains.GetGrain<IOrderGrain>(orderId);
            await order.Open(new OpenOrder(orderId, Channel.Takeout, null, null), Till);
            var line = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), Till);
            await order.AddPayment(new AddPayment(Guid.NewGuid(), Tender.Card, line.Order!.TotalMinor, 0, null), Till);
            Assert.Equal(OrderStatus.Closed, (await order.Close(Till)).Order!.Status);
            closed.Add(orderId);
        }

        // Deactivation follows the answer: poll the silo's own count with a deadline.
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var deadline = Stopwatch.StartNew();
        int active;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while ((active = await ActiveOrdersAsync(management)) > 1 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await poll.WaitForNextTickAsync();
        }

        Assert.Equal(1, active);
        var again = await cluster.Grains.GetGrain<IOrderGrain>(closed[0]).Get();
        Assert.Equal((OrderStatus.Closed, 4), (again!.Status, again.Version));
        Assert.Equal(OrderStatus.Open, (await cluster.Grains.GetGrain<IOrderGrain>(stillOpen).Get())!.Status);
    }

    private static async Task<int> ActiveOrdersAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(OrderGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}
