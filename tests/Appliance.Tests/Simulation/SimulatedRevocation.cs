using System.Net;
using System.Text.Json;
using Pos.Client.Live;
using Pos.Client.Outbox;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// A device revoked in the middle of a seed (DELETE /api/v1/devices/{id} as the admin) while it still holds commands:
/// its event stream, open since the seed began, ends; the commands it sends afterwards are refused (401): its outbox
/// keeps them and its pump reports <see cref="LinkState.Unauthorized"/>; then a device paired with a new code takes
/// its place for the rest of the seed and the seeds after. The checks then find nothing of it in the journal after its
/// <c>DeviceRevoked</c>, and everything acknowledged before it exactly once.
/// </summary>
internal sealed class SimulatedRevocation : IAsyncDisposable
{
    /// <summary>
    /// How many seeds draw one. Each makes three failed authentications (the stream's reconnect, the batch, the single
    /// command), counted against the revoked device's own address: far under the limit, and never the next phone's.
    /// </summary>
    private const double Rate = 0.15;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly EventTail _stream;

    private SimulatedRevocation(int slot, int step, EventTail stream)
    {
        Slot = slot;
        Step = step;
        _stream = stream;
    }

    /// <summary>The revoked device's place in <see cref="SimulationFixture.Devices"/>.</summary>
    public int Slot { get; }

    /// <summary>The step before which the device is revoked.</summary>
    public int Step { get; }

    /// <summary>Whether the seed revokes a device, which, and when; if so the device's event stream is opened now.</summary>
    public static async Task<SimulatedRevocation?> DrawAsync(SimulationWorld world, SimulationFixture fixture, int steps, long before)
    {
        var rng = world.Random;
        if (rng.NextDouble() >= Rate)
        {
            return null;
        }
        var slot = rng.Next(fixture.Devices.Count);
        var step = rng.Next(steps / 3, steps);
        var device = fixture.Devices[slot];
        world.Log.Add($"{device.Id} will be revoked before step {step}; its event stream opens");
        return new SimulatedRevocation(slot, step, await EventTail.StartAsync(device.Direct, before));
    }

    /// <summary>
    /// Revokes the device, which still holds <paramref name="queue"/> (one is made with <paramref name="next"/> if it is
    /// empty); returns the device paired in its place.
    /// </summary>
    public async Task<SimulatedDevice> RunAsync(
        SimulationWorld world, SimulationFixture fixture, List<SimulatedCommand> queue, Func<SimulatedDevice, Task<SimulatedCommand>> next)
    {
        var device = fixture.Devices[Slot];
        if (queue.Count == 0)
        {
            queue.Add(await next(device));
        }
        _stream.EnsureReading(device.Id);

        using (var revoked = await fixture.Admin.DeleteAsync($"/api/v1/devices/{Uri.EscapeDataString(device.Id)}"))
        {
            Assert.True(revoked.StatusCode == HttpStatusCode.NoContent, $"revoking {device.Id} answered {(int)revoked.StatusCode}");
        }
        device.Revoked = true;
        world.Log.Add($"{device.Id} revoked, holding {queue.Count} commands");

        // Its open event stream ends at once, and opening it again is refused.
        await Poll.UntilAsync(() => Task.FromResult(_stream.Reading.IsCompleted), done => done, Deadline, $"{device.Id}'s event stream to end");
        await _stream.Reading;
        Assert.Equal(EventStreamState.Revoked, _stream.Reader.State);

        // What it still holds goes into its outbox; the pump's batch is refused as a whole and every command stays.
        foreach (var command in queue)
        {
            await device.Outbox.EnqueueAsync(command.Type, command.OrderId, JsonSerializer.SerializeToElement(command.Payload, PosClient.Json));
        }
        await using (var pump = new OutboxPump(device.Outbox))
        {
            pump.Start();
            await Poll.UntilAsync(() => Task.FromResult(pump.State), state => state == LinkState.Unauthorized, Deadline,
                $"{device.Id}'s pump to report it unauthorized");
        }
        Assert.Equal(queue.Count, device.Outbox.Waiting);
        // One of them on its single route: 401 too.
        var single = queue[0];
        using (var refused = await device.Direct.PostAsync(single.Path, JsonContent(single.Body)))
        {
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{device.Id}'s {single.Path} after revocation answered {(int)refused.StatusCode}");
        }
        world.Log.Add($"  its batch and {single.Path} refused; {device.Outbox.Waiting} commands kept");
        world.Revoked.Add(new RevokedDevice(device.Id, [.. queue.SelectMany(IdsOf)], _stream.After, _stream.Read));
        queue.Clear();

        // A phone paired in its place, with a code from the admin or a manager still allowed.
        var managers = fixture.Devices.Where(d => d.Role == "manager" && !d.Revoked).ToList();
        var maker = managers.Count > 0 && world.Random.NextDouble() < 0.5 ? managers[0] : null;
        var fresh = await fixture.ReplaceAsync(Slot, maker?.Direct ?? fixture.Admin);
        world.Paired.Add(fresh.Id);
        world.Log.Add($"{fresh.Id} paired in its place (code by {maker?.Id ?? "the admin"})");
        return fresh;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, PosClient.Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The new ids a command would have written: a line's, a payment's, a discount's or a refund's (not those it refers to).</summary>
    private static IEnumerable<Guid> IdsOf(SimulatedCommand command)
    {
        var body = JsonSerializer.SerializeToElement(command.Body, PosClient.Json);
        var name = command.Type switch
        {
            "add-line" => "lineId",
            "add-payment" => "paymentId",
            "discounts" => "discountId",
            "refunds" => "refundId",
            _ => null,
        };
        if (name is not null && body.TryGetProperty(name, out var id) && id.ValueKind == JsonValueKind.String)
        {
            yield return id.GetGuid();
        }
    }
}
