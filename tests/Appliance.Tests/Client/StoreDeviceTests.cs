using System.Net;
using Pos.Client;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Client;

/// <summary>
/// The client library against a real appliance: a device that loses the appliance keeps taking the order in its
/// outbox; when the appliance is back each command lands once, in order; a lost answer is asked for again under the
/// same ids; a conflict comes back with the order as it stands.
/// </summary>
public sealed class StoreDeviceTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly OutboxPumpOptions FastRetry = new() { FirstRetry = TimeSpan.FromMilliseconds(50), LongestRetry = TimeSpan.FromMilliseconds(200) };

    private async Task<(StoreDevice Device, LinkSwitch Link)> OpenDeviceAsync(IClientStore? store = null)
    {
        var deviceId = PosClient.NewDeviceId("phone-");
        var token = await fixture.Client.RegisterDeviceAsync(deviceId);
        var link = new LinkSwitch(new SocketsHttpHandler());
        var http = new HttpClient(link) { BaseAddress = fixture.Appliance.BaseAddress };
        var device = await StoreDevice.OpenAsync(http, deviceId, token, store ?? new MemoryClientStore(), FastRetry);
        return (device, link);
    }

    [Fact]
    public async Task An_order_taken_while_the_appliance_is_away_lands_once_in_order_when_it_is_back()
    {
        var (device, link) = await OpenDeviceAsync();
        await using var _ = device;
        var settled = new List<SettledCommand>();
        device.Settled += s => { lock (settled) { settled.Add(s); } };
        link.Down = true;

        var orderId = Guid.NewGuid();
        var lines = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var queued = new List<QueuedCommand> { await device.OpenOrderAsync(orderId, Channel.DineIn, "7", 2) };
        queued.Add(await device.AddLineAsync(orderId, lines[0], "burger", 1, "no onions", ["extra cheese"]));
        queued.Add(await device.AddLineAsync(orderId, lines[1], "fries", 2));
        queued.Add(await device.AddLineAsync(orderId, lines[2], "soda", 1));
        queued.Add(await device.FireAsync(orderId));
        await Poll.UntilAsync(() => Task.FromResult(device.Pump.State), s => s == LinkState.Away, Deadline, "the device to find the appliance away");
        Assert.Equal(5, device.Outbox.Waiting);

        link.Down = false;
        await Poll.UntilAsync(() => Task.FromResult(device.Outbox.Waiting), w => w == 0, Deadline, "the outbox to empty");
        // A command leaves the outbox before it is announced settled (and after its answer is kept): wait for the last.
        await Poll.UntilAsync(() => Task.FromResult(Count(settled)), n => n == queued.Count, Deadline, "every command announced settled");

        lock (settled)
        {
            Assert.Equal(queued.Select(q => q.CommandId), settled.Select(s => s.Command.CommandId));
            Assert.All(settled, s => Assert.Equal("applied", s.Outcome));
        }
        var order = device.Local.Order(orderId)!;
        Assert.Equal(lines, order.Lines.Select(l => l.LineId));
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Fired, l.Status));
        Assert.Equal(["extra cheese"], order.Lines[0].Modifiers);
        var journal = await fixture.Client.ReadJournalAsync();
        Assert.Equal(3, journal.Count(e => e.GetProperty("streamId").GetString() == $"order-{orderId}" && e.GetProperty("type").GetString() == "LineAdded"));
    }

    [Fact]
    public async Task An_answer_lost_on_the_way_back_is_asked_for_again_and_each_command_lands_once()
    {
        var (device, link) = await OpenDeviceAsync();
        await using var _ = device;
        var settled = new List<SettledCommand>();
        device.Settled += s => { lock (settled) { settled.Add(s); } };
        var orderId = Guid.NewGuid();
        link.LoseAnswers = 1;

        await device.OpenOrderAsync(orderId, Channel.Takeout);
        await device.AddLineAsync(orderId, Guid.NewGuid(), "ipa", 1);
        await Poll.UntilAsync(() => Task.FromResult(device.Outbox.Waiting), w => w == 0, Deadline, "the outbox to empty");
        await Poll.UntilAsync(() => Task.FromResult(Count(settled)), n => n >= 2, Deadline, "both commands announced settled");

        Assert.True(link.Sent >= 2, "the batch was sent again after its answer was lost");
        lock (settled)
        {
            // The resent command is answered with its first answer (applied), once, under its one id.
            Assert.Equal(2, settled.Count);
            Assert.All(settled, s => Assert.Equal("applied", s.Outcome));
        }
        var order = (await device.Api.GetOrderAsync(orderId))!;
        Assert.Single(order.Lines);
        var journal = await fixture.Client.ReadJournalAsync();
        Assert.Single(journal, e => e.GetProperty("streamId").GetString() == $"order-{orderId}" && e.GetProperty("type").GetString() == "OrderOpened");
    }

    [Fact]
    public async Task A_command_on_an_order_another_device_closed_meanwhile_comes_back_as_a_conflict_with_the_order()
    {
        var (device, link) = await OpenDeviceAsync();
        await using var _ = device;
        var settled = new List<SettledCommand>();
        device.Settled += s => { lock (settled) { settled.Add(s); } };
        var orderId = Guid.NewGuid();
        await device.OpenOrderAsync(orderId, Channel.Takeout);
        await device.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1);
        // Its answer reaches the local copy just after the command leaves the outbox.
        var total = (await Poll.UntilAsync(() => Task.FromResult(device.Local.Order(orderId)), o => o is { Lines.Count: 1 }, Deadline,
            "the order, as the appliance answered it, in the local copy"))!.TotalMinor;

        link.Down = true;
        var late = await device.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1);
        // Meanwhile, at the counter, the order is paid and closed.
        using (var pay = await fixture.Client.PayAsync(orderId, "cash", total))
        {
            Assert.True(pay.IsSuccessStatusCode);
        }
        using (var close = await fixture.Client.PostAsync($"/api/v1/orders/{orderId}/close", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }
        link.Down = false;
        device.Pump.Nudge();
        await Poll.UntilAsync(() => Task.FromResult(device.Outbox.Waiting), w => w == 0, Deadline, "the late line to be answered");
        await Poll.UntilAsync(() => Task.FromResult(Count(settled)), n => n >= 3, Deadline, "the late line announced settled");

        SettledCommand answer;
        lock (settled)
        {
            answer = settled.Single(s => s.Command.CommandId == late.CommandId);
        }
        Assert.Equal("conflict", answer.Outcome);
        var current = answer.Problem!.Value.GetProperty("order");
        Assert.Equal("closed", current.GetProperty("status").GetString());
        // The local copy has the order as it stands: closed, so no longer among the open ones.
        Assert.Null(device.Local.Order(orderId));
    }

    [Fact]
    public async Task A_revoked_device_is_told_and_keeps_its_commands()
    {
        var (device, _) = await OpenDeviceAsync();
        await using var d = device;
        using (var revoke = await fixture.Client.DeleteAsync($"/api/v1/devices/{device.DeviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        await device.OpenOrderAsync(Guid.NewGuid(), Channel.Takeout);

        await Poll.UntilAsync(() => Task.FromResult(device.Pump.State), s => s == LinkState.Unauthorized, Deadline, "the device to learn it was revoked");
        Assert.Equal(1, device.Outbox.Waiting);
    }

    /// <summary>Between the device and the appliance: can be cut (connection refused) or lose the next answers.</summary>
    private sealed class LinkSwitch(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public volatile bool Down;
        public int LoseAnswers;
        public int Sent;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new HttpRequestException("Connection refused (the test cut the link)");
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/sync/commands", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Sent);
                if (Interlocked.Decrement(ref LoseAnswers) >= 0)
                {
                    response.Dispose();
                    throw new HttpRequestException("The connection dropped before the answer (the test lost it)");
                }
            }
            return response;
        }
    }

    private static int Count(List<SettledCommand> settled)
    {
        lock (settled)
        {
            return settled.Count;
        }
    }
}
