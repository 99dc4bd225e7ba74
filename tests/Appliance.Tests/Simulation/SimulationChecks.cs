using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>The invariants after a seed, from the journal and from what the appliance and the devices hold.</summary>
internal static class SimulationChecks
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task CheckAsync(SimulationFixture fixture, SimulationWorld world, SimulatedStaff staff, SimulatedCash cash, long before)
    {
        // What this seed wrote: gapless from where it started, every event once.
        var journal = new List<JsonElement>();
        for (var after = before; ;)
        {
            var page = await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                break;
            }
            journal.AddRange(events);
            after = page.GetProperty("lastSeq").GetInt64();
        }
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => before + i), journal.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(journal.Count, journal.Select(e => e.GetProperty("eventId").GetGuid()).Distinct().Count());

        await SimulationFamilyChecks.CheckAsync(fixture.Admin, world, journal);
        SimulationPrintChecks.Check(journal);
        CheckDevices(world, journal);
        await SimulationStaffChecks.CheckAsync(fixture, world, staff, journal, before);
        await SimulationCashChecks.CheckAsync(fixture, cash, journal, before);
        await CheckFollowerAsync(fixture.Follower, world, journal, before);
    }

    /// <summary>
    /// Pairing and revocation: each device paired during the seed has one <c>DevicePaired</c> (and its code one
    /// <c>PairingCodeUsed</c>), each revoked one <c>DeviceRevoked</c>, and none other; after a device's
    /// <c>DeviceRevoked</c> nothing in the journal is its doing, the commands it kept are nowhere, and its event stream
    /// gave nothing from the revocation on.
    /// </summary>
    private static void CheckDevices(SimulationWorld world, List<JsonElement> journal)
    {
        List<JsonElement> OfType(string type) => [.. journal.Where(e => e.GetProperty("type").GetString() == type)];
        static string DeviceOf(JsonElement e) => e.GetProperty("data").GetProperty("deviceId").GetString()!;
        Assert.Equal(world.Paired.Order(StringComparer.Ordinal), OfType("DevicePaired").Select(DeviceOf).Order(StringComparer.Ordinal));
        Assert.Equal(world.Paired.Order(StringComparer.Ordinal), OfType("PairingCodeUsed").Select(DeviceOf).Order(StringComparer.Ordinal));
        var revocations = OfType("DeviceRevoked");
        Assert.Equal(world.Revoked.Select(r => r.DeviceId).Order(StringComparer.Ordinal), revocations.Select(DeviceOf).Order(StringComparer.Ordinal));
        foreach (var revoked in world.Revoked)
        {
            var at = revocations.Single(e => DeviceOf(e) == revoked.DeviceId).GetProperty("seq").GetInt64();
            Assert.DoesNotContain(journal, e => e.GetProperty("seq").GetInt64() > at && e.GetProperty("deviceId").GetString() == revoked.DeviceId);
            Assert.DoesNotContain(journal, e => e.GetProperty("data") is { ValueKind: JsonValueKind.Object } data
                && revoked.KeptIds.Any(id => Mentions(data, id)));
            // Its stream: the journal from where it started, in order, and ended before the revocation.
            Assert.Equal(Enumerable.Range(1, revoked.StreamRead.Count).Select(i => revoked.StreamAfter + i), revoked.StreamRead.Select(e => e.Seq));
            Assert.All(revoked.StreamRead, e => Assert.True(e.Seq < at, $"{revoked.DeviceId}'s stream gave seq {e.Seq}, at or after its DeviceRevoked ({at})"));
        }
    }

    /// <summary>
    /// The device following live updates: its reading of the stream is the journal from when it started, each event
    /// once, in seq order, none missing; its local copy of this seed's orders is what the appliance answers.
    /// </summary>
    private static async Task CheckFollowerAsync(FollowingDevice follower, SimulationWorld world, List<JsonElement> journal, long before)
    {
        follower.EnsureHealthy();
        Assert.Equal(0, follower.Device.Outbox.Waiting);
        var last = before + journal.Count;
        await Poll.UntilAsync(() => Task.FromResult(follower.Tail.LastSeq), seq => seq >= last, Deadline, $"{follower.Id}'s stream to reach seq {last}");
        var read = follower.Tail.Read;
        Assert.Equal(Enumerable.Range(1, read.Count).Select(i => follower.Tail.After + i), read.Select(e => e.Seq));
        Assert.Equal(
            journal.Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("eventId").GetGuid(), e.GetProperty("type").GetString())),
            read.Where(e => e.Seq > before && e.Seq <= last).Select(e => (e.Seq, e.EventId, (string?)e.Type)));
        await follower.AssertInStepAsync(world.Orders);
        follower.EnsureHealthy();
    }

    private static bool Mentions(JsonElement data, Guid id) =>
        new[] { "lineId", "paymentId", "discountId", "refundId" }.Any(name =>
            data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetGuid() == id);
}
