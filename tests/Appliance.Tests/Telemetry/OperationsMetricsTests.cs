using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Telemetry;

/// <summary>
/// Each metric README tells operators to watch, read in process after real actions on a real appliance: orders opened
/// and closed, command latency, the journal's head, print queue depth and failures per printer, the sync lag in events
/// and seconds, and the outbox depth a device reports through the client library.
/// </summary>
public sealed class OperationsMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_named_metric_is_exported_with_the_value_the_store_shows()
    {
        var settings = new Dictionary<string, string>
        {
            ["POS_CLOUD_URL"] = $"http://127.0.0.1:{FreePort.Next()}", // the cloud away: the lag grows
            ["POS_STORE_ID"] = "store-metrics",
            ["POS_STORE_SECRET"] = Convert.ToBase64String(new byte[32]),
        };
        await using var appliance = await ApplianceFactory.StartAsync(settings: settings);
        using var metrics = new MetricReader(appliance.Services.GetRequiredService<IMeterFactory>());
        using var admin = appliance.NewClient();
        var printer = "m-" + Guid.NewGuid().ToString("N")[..8];

        await admin.PutMenuAsync();
        (await admin.PutAsJsonAsync($"/api/v1/printers/{printer}", new { name = "Down", host = "127.0.0.1", port = FreePort.Next(), station = "kitchen" }))
            .EnsureSuccessStatusCode();
        var orderId = Guid.NewGuid();
        (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        using var fired = await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { });
        var balance = (await fired.EnsureSuccessStatusCode().JsonAsync()).GetProperty("balanceMinor").GetInt64();
        (await admin.PayAsync(orderId, "card", balance)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();

        // A device sends a batch through the client library, saying 7 more commands wait behind it.
        var deviceId = "till-" + Guid.NewGuid().ToString("N")[..8];
        using var device = appliance.NewClient(await admin.RegisterDeviceAsync(deviceId));
        var transport = new HttpCommandTransport(device, deviceId);
        var takeout = Guid.NewGuid();
        var open = new QueuedCommand(Guid.NewGuid().ToString(), "open-order", takeout, null, DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(new { orderId = takeout, channel = "takeout" }));
        var answered = Assert.IsType<BatchAttempt.Answered>(await transport.SendAsync([open], 7, CancellationToken.None));
        Assert.Equal("applied", Assert.Single(answered.Answers).Outcome);

        // The printer is unreachable: its ticket waits, and its attempts fail.
        await Poll.UntilAsync(() => Task.FromResult(metrics.Read()), _ => metrics.Sum("pos.printing.failures", "printer", printer) >= 1,
            Patience, "a failed print attempt counted for the printer");
        Assert.Equal(1, metrics.Sum("pos.printing.queue.depth", "printer", printer));

        Assert.Equal(2, metrics.Sum("pos.orders.opened")); // the order, and the device's
        Assert.Equal(1, metrics.Sum("pos.orders.closed"));
        Assert.Contains(metrics.Read(), r => r.Name == "pos.command.duration" && r.Has("command", "fire") && r.Value > 0);
        Assert.Equal(7, metrics.Gauge("pos.device.outbox.depth", "device", deviceId));

        // The head as the journal route shows it (the printer's attempts may add events meanwhile: read both again until they agree).
        var head = await Poll.UntilAsync(async () => (await admin.GetJsonAsync("/api/v1/sync/status")).GetProperty("journalHeadSeq").GetInt64(),
            h => metrics.Gauge("pos.journal.head") == h && metrics.Gauge("pos.sync.lag.events") == h, Patience,
            "the head gauge and the lag in events (nothing acknowledged) to match the journal");
        Assert.True(head >= 6, $"head {head}: the menu, the printer, the orders and their lines, payment, close");
        Assert.True(metrics.Gauge("pos.sync.lag.seconds") > 0, "the lag in seconds grows while the cloud is away");
    }
}
