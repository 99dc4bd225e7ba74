using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Devices;
using Pos.Grains.Journal;
using Pos.Grains.Menu;
using Pos.Grains.Orders;
using Pos.Grains.Printing;
using Pos.Grains.Tests.Journal;

namespace Pos.Grains.Tests.Orders;

/// <summary>
/// The order grain's rules in Orleans' in-process test cluster, on an in-memory journal: commands decided against
/// the order, events written before the grain changes, outcomes as the sync contract names them, answers kept with
/// the events, and the order rebuilt from its events after a restart.
/// </summary>
public sealed class OrderClusterTests(OrderClusterTests.Cluster cluster) : IClassFixture<OrderClusterTests.Cluster>
{
    private static CommandContext From(string device, int? ifMatch = null, RepeatKey? key = null) => new(device, key, ifMatch);

    [Fact]
    public async Task A_whole_order_is_decided_by_the_grain_and_every_change_is_in_the_journal_first()
    {
        var orderId = Guid.NewGuid();
        var order = cluster.Grains.GetGrain<IOrderGrain>(orderId);

        var opened = await order.Open(new OpenOrder(orderId, Channel.DineIn, "4", 2), From("till-1"));
        var line = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 2, "no onions", []), From("till-1"));
        var fired = await order.Fire(From("till-1"));
        var paid = await order.AddPayment(new AddPayment(Guid.NewGuid(), Tender.Cash, 2165, 0, null), From("till-1"));
        var closed = await order.Close(From("till-1"));

        Assert.Equal(CommandOutcome.Applied, opened.Outcome);
        // Numbers count up per business date (other tests here open orders too): this one is the latest.
        Assert.Equal(await cluster.Journal.MaxOrderNumberAsync(opened.Order!.BusinessDate), opened.Order.Number);
        Assert.Equal(2165, line.Order!.TotalMinor);
        Assert.Equal([CommandOutcome.Applied, CommandOutcome.Applied, CommandOutcome.Applied, CommandOutcome.Applied],
            new[] { line, fired, paid, closed }.Select(r => r.Outcome));
        Assert.Equal(OrderStatus.Closed, closed.Order!.Status);
        var stream = await cluster.Journal.ReadStreamAsync(OrderEvents.StreamOf(orderId));
        Assert.Equal(["OrderOpened", "LineAdded", "OrderFired", "PaymentAdded", "OrderClosed"], stream.Select(e => e.Type));
        Assert.Equal(closed.Order.Version, stream.Count);
    }

    [Fact]
    public async Task A_repeat_is_a_duplicate_a_stale_IfMatch_a_conflict_another_devices_change_merged_and_a_closed_order_refuses()
    {
        var orderId = Guid.NewGuid();
        var order = cluster.Grains.GetGrain<IOrderGrain>(orderId);
        await order.Open(new OpenOrder(orderId, Channel.Takeout, null, null), From("till-1"));
        var burger = new AddLine(Guid.NewGuid(), "burger", 1, null, []);
        await order.AddLine(burger, From("till-1"));

        var again = await order.AddLine(burger, From("till-1"));
        var stale = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-1", ifMatch: 1));
        var other = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-2"));
        var mine = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-1"));
        var unknown = await order.AddLine(new AddLine(Guid.NewGuid(), "lobster", 1, null, []), From("till-1"));

        Assert.Equal(CommandOutcome.Duplicate, again.Outcome);
        Assert.Equal((CommandOutcome.Conflict, ErrorCodes.VersionMismatch), (stale.Outcome, stale.Error!.Code));
        Assert.Equal(CommandOutcome.Applied, other.Outcome);
        Assert.Equal(CommandOutcome.Merged, mine.Outcome);
        Assert.Equal((CommandOutcome.Rejected, ErrorCodes.UnknownMenuItem), (unknown.Outcome, unknown.Error!.Code));
        Assert.Equal(4, (await order.Get())!.Version);
    }

    [Fact]
    public async Task An_answer_is_kept_with_the_events_by_version_and_the_order_can_be_read_at_that_version_after_a_restart()
    {
        var orderId = Guid.NewGuid();
        var order = cluster.Grains.GetGrain<IOrderGrain>(orderId);
        await order.Open(new OpenOrder(orderId, Channel.Takeout, null, null), From("till-1"));
        var key = new RepeatKey($"cmd:till-1:{Guid.NewGuid()}", [1, 2, 3]);
        var first = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-1", key: key));
        await order.AddLine(new AddLine(Guid.NewGuid(), "fries", 1, null, []), From("till-1"));

        await cluster.RestartAsync();
        var kept = await cluster.Journal.FindResponseAsync(key.Key);
        var then = await cluster.Grains.GetGrain<IOrderGrain>(orderId).GetAt(kept!.Version!.Value);
        var now = await cluster.Grains.GetGrain<IOrderGrain>(orderId).Get();

        Assert.Equal((2, "applied", ""), (kept.Version, kept.Outcome, kept.Body));
        Assert.Equal(EventJson.Serialize(first.Order), EventJson.Serialize(then));
        Assert.Equal(3, now!.Version);
        Assert.Equal(2, now.Lines.Count);
    }

    [Fact]
    public async Task The_device_that_opened_the_order_is_named_from_the_journal_and_still_is_after_a_restart()
    {
        cluster.Devices.Know("ana-phone", "Ana's phone");
        var orderId = Guid.NewGuid();
        var order = cluster.Grains.GetGrain<IOrderGrain>(orderId);
        var opened = await order.Open(new OpenOrder(orderId, Channel.DineIn, "9", 2), From("ana-phone"));
        // Another device's change does not make it the opener.
        var added = await order.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-1"));
        var byAdmin = Guid.NewGuid();
        var admin = await cluster.Grains.GetGrain<IOrderGrain>(byAdmin).Open(new OpenOrder(byAdmin, Channel.Takeout, null, null), From(DeviceIds.Admin));

        await cluster.RestartAsync();
        var now = await cluster.Grains.GetGrain<IOrderGrain>(orderId).Get();
        var atOpening = await cluster.Grains.GetGrain<IOrderGrain>(orderId).GetAt(1);

        var ana = new DeviceRef("ana-phone", "Ana's phone");
        Assert.Equal([ana, ana, ana, ana], new[] { opened.Order!.OpenedBy, added.Order!.OpenedBy, now!.OpenedBy, atOpening!.OpenedBy });
        Assert.Equal(2, now.Version);
        Assert.Equal(new DeviceRef(DeviceIds.Admin, null), admin.Order!.OpenedBy);
        Assert.Equal(new DeviceRef(DeviceIds.Admin, null), (await cluster.Grains.GetGrain<IOrderGrain>(byAdmin).Get())!.OpenedBy);
        Assert.Equal("ana-phone", (await cluster.Journal.ReadStreamAsync(OrderEvents.StreamOf(orderId)))[0].DeviceId);
    }

    [Fact]
    public async Task A_command_deciding_on_an_order_another_writer_moved_meanwhile_is_decided_again_on_the_journal()
    {
        // Two orders whose grains hold version 2; then a merge (written across orders, not through the grain) closes
        // both streams under them, as CheckMovesGrain does before it refreshes the grains.
        var (stale, pinned, into) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { stale, pinned })
        {
            var grain = cluster.Grains.GetGrain<IOrderGrain>(id);
            await grain.Open(new OpenOrder(id, Channel.DineIn, "14", 2), From("till-b"));
            var line = await grain.AddLine(new AddLine(Guid.NewGuid(), "burger", 1, null, []), From("till-b"));
            var lineId = line.Order!.Lines[0].LineId;
            var closedAt = line.Order.OpenedAt;
            await cluster.Journal.AppendAsync(new StreamAppend(OrderEvents.StreamOf(id), 2,
                [OrderEvents.ToNew(new LinesMovedOut(into, [lineId], [], CheckMove.Merge)), OrderEvents.ToNew(new OrderClosed(closedAt) { MergedInto = into })],
                closedAt, "till-a", line.Order.BusinessDate));
        }

        var pay = new AddPayment(Guid.NewGuid(), Tender.Card, 1000, 0, null);
        var unconditional = await cluster.Grains.GetGrain<IOrderGrain>(stale).AddPayment(pay, From("till-b"));
        var conditional = await cluster.Grains.GetGrain<IOrderGrain>(pinned).AddPayment(pay with { PaymentId = Guid.NewGuid() }, From("till-b", ifMatch: 2));

        // Without If-Match the payment is decided again on the order as it now is: closed by the merge, so refused.
        Assert.Equal((CommandOutcome.Conflict, ErrorCodes.OrderClosed), (unconditional.Outcome, unconditional.Error!.Code));
        Assert.Equal((OrderStatus.Closed, 4), (unconditional.Order!.Status, unconditional.Order.Version));
        // With an If-Match that is now stale it is the 412 the device asked for.
        Assert.Equal((CommandOutcome.Conflict, ErrorCodes.VersionMismatch), (conditional.Outcome, conditional.Error!.Code));
        Assert.All(new[] { stale, pinned }, id => Assert.Equal(4, cluster.Journal.ReadStreamAsync(OrderEvents.StreamOf(id)).Result.Count));
    }

    /// <summary>One in-process silo with the order grains on an in-memory journal, a menu, no printers, a store clock.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private InProcessTestCluster? _cluster;

        internal InMemoryJournal Journal { get; } = new();

        /// <summary>The devices' names; kept across a restart, as the appliance reads them again from its devices.</summary>
        internal DeviceNames Devices { get; } = new();

        public IGrainFactory Grains => _cluster!.Client;

        public async Task InitializeAsync()
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
            var clock = new StoreClock(time, new StoreClockOptions { TimeZoneId = "UTC", DayStarts = TimeSpan.FromHours(4) });
            var menu = new MenuCatalog();
            menu.Publish(new MenuView(1, "USD", [AnOrder.Burger, AnOrder.Fries, AnOrder.Soda], time.GetUtcNow()));
            var printers = new PrinterCatalog();
            printers.Publish(PrinterSet.Empty);
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSingleton<IJournal>(Journal);
                silo.Services.AddSingleton<IJournalStreams>(Journal);
                silo.Services.AddSingleton<IJournalLookups>(Journal);
                silo.Services.AddSingleton(clock);
                silo.Services.AddSingleton(menu);
                silo.Services.AddSingleton(new AvailabilityCatalog());
                silo.Services.AddSingleton(printers);
                silo.Services.AddSingleton(Devices);
            });
            _cluster = builder.Build();
            await _cluster.DeployAsync();
        }

        /// <summary>Stops the silo and starts a new one on the same journal: every grain rebuilds from its events.</summary>
        public async Task RestartAsync()
        {
            await _cluster!.DisposeAsync();
            await InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
