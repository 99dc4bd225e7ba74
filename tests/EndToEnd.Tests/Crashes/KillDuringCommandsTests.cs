using System.Collections.Concurrent;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Crashes;

public sealed class KillDuringCommandsTests
{
    private sealed record Ack(Guid OrderId, Guid? LineId, int Version);

    [Fact]
    public async Task SigkillDuringTwentyClients_LosesNoAcknowledgedCommand_AndDoublesNone()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-").FullName;
        var acks = new ConcurrentBag<Ack>();

        await using (var first = await ApplianceProcess.StartAsync(db, dataDir))
        {
            using (var admin = first.NewClient())
            {
                await admin.PutMenuAsync();
            }
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 20).Select(_ => Task.Run(() => SendUntilStopped(first, acks, stop.Token))).ToList();

            await Poll.UntilAsync(() => Task.FromResult(acks.Count), n => n >= 400, TimeSpan.FromSeconds(120), "400 acknowledged commands");
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        await using var second = await ApplianceProcess.StartAsync(db, dataDir);
        using var client = second.NewClient();
        var journal = await client.ReadJournalAsync();

        // The journal is gapless and every event is there once.
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(journal.Count, journal.Select(e => e.GetProperty("eventId").GetGuid()).Distinct().Count());

        var byStreamVersion = journal.ToDictionary(e => (e.GetProperty("streamId").GetString()!, e.GetProperty("streamVersion").GetInt32()));
        var lineCounts = journal.Where(e => e.GetProperty("type").GetString() == "LineAdded")
            .GroupBy(e => e.GetProperty("data").GetProperty("lineId").GetGuid())
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var ack in acks)
        {
            var stored = byStreamVersion[($"order-{ack.OrderId}", ack.Version)];
            if (ack.LineId is { } lineId)
            {
                Assert.Equal("LineAdded", stored.GetProperty("type").GetString());
                Assert.Equal(lineId, stored.GetProperty("data").GetProperty("lineId").GetGuid());
                Assert.Equal(1, lineCounts[lineId]);
            }
            else
            {
                Assert.Equal("OrderOpened", stored.GetProperty("type").GetString());
            }
        }

        // Every order reads back at the version its journal stream says, with every acknowledged line.
        foreach (var order in acks.GroupBy(a => a.OrderId))
        {
            var view = await client.GetJsonAsync($"/api/v1/orders/{order.Key}");
            var streamLength = journal.Count(e => e.GetProperty("streamId").GetString() == $"order-{order.Key}");
            Assert.Equal(streamLength, view.GetProperty("version").GetInt32());
            Assert.True(view.GetProperty("version").GetInt32() >= order.Max(a => a.Version));
            var lines = view.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetGuid()).ToHashSet();
            Assert.All(order.Where(a => a.LineId is not null), a => Assert.Contains(a.LineId!.Value, lines));
        }

        // Work goes on after the restart: the same orders take new lines.
        var any = acks.First().OrderId;
        (await client.AddLineAsync(any, Guid.NewGuid(), "soda", 1)).EnsureSuccessStatusCode();
    }

    private static async Task SendUntilStopped(ApplianceProcess appliance, ConcurrentBag<Ack> acks, CancellationToken stop)
    {
        using var client = appliance.NewClient();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var orderId = Guid.NewGuid();
                using (var open = await client.OpenAsync(orderId, "takeout", null, null))
                {
                    if (!open.IsSuccessStatusCode)
                    {
                        return;
                    }
                    acks.Add(new Ack(orderId, null, await VersionOf(open)));
                }
                for (var i = 0; i < 10 && !stop.IsCancellationRequested; i++)
                {
                    var lineId = Guid.NewGuid();
                    using var added = await client.AddLineAsync(orderId, lineId, "burger", 1);
                    if (!added.IsSuccessStatusCode)
                    {
                        return;
                    }
                    acks.Add(new Ack(orderId, lineId, await VersionOf(added)));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // The appliance died under us: whatever was not acknowledged may or may not have landed.
        }
    }

    private static async Task<int> VersionOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
}
