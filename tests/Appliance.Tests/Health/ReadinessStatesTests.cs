using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Health;

/// <summary>
/// /health/ready in its three states: ready; degraded (200) when the store works but a printer is down or the cloud has
/// not taken the journal for longer than the lag limit; unavailable (503) when PostgreSQL is down.
/// </summary>
public sealed class ReadinessStatesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_printer_down_makes_the_store_degraded_not_unavailable_and_names_the_printer()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var admin = appliance.NewClient();
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };
        Assert.Equal("ready", (await ReadyAsync(anonymous)).Body.GetProperty("status").GetString());

        // Nothing listens there: the printer's first probe finds it offline.
        (await admin.PutAsJsonAsync("/api/v1/printers/grill", new { name = "Grill", host = "127.0.0.1", port = FreePort.Next(), station = "kitchen" }))
            .EnsureSuccessStatusCode();

        var (status, body) = await Poll.UntilAsync(() => ReadyAsync(anonymous), r => r.Body.GetProperty("status").GetString() == "degraded"
            && r.Body.GetProperty("checks").GetProperty("printing").GetString()!.Contains("offline", StringComparison.Ordinal),
            Patience, "the store degraded by its printer, found offline");
        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        Assert.StartsWith("1 of 1 printer(s) not printing: grill (offline", checks.GetProperty("printing").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", checks.GetProperty("postgres").GetString());
        Assert.Equal("ok", checks.GetProperty("silo").GetString());
        Assert.Equal("not linked to a cloud", checks.GetProperty("cloudSync").GetString());
    }

    [Fact]
    public async Task A_cloud_away_past_the_lag_limit_with_events_waiting_makes_the_store_degraded()
    {
        var settings = new Dictionary<string, string>
        {
            ["POS_CLOUD_URL"] = $"http://127.0.0.1:{FreePort.Next()}", // nothing listens: the cloud is away
            ["POS_STORE_ID"] = "store-away",
            ["POS_STORE_SECRET"] = Convert.ToBase64String(new byte[32]),
            ["POS_SYNC_LAG_LIMIT"] = "1",
        };
        await using var appliance = await ApplianceFactory.StartAsync(settings: settings);
        using var admin = appliance.NewClient();
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };

        await admin.PutMenuAsync(); // an event the cloud does not get

        var (status, body) = await Poll.UntilAsync(() => ReadyAsync(anonymous), r => r.Body.GetProperty("status").GetString() == "degraded",
            Patience, "the store degraded by its cloud link");
        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        Assert.Matches("^[0-9]+ event\\(s\\) not in the cloud yet; the cloud has not answered since the appliance started ", checks.GetProperty("cloudSync").GetString());
        Assert.Equal("ok", checks.GetProperty("postgres").GetString());
        Assert.Equal("no printers configured", checks.GetProperty("printing").GetString());

        // The store still takes orders.
        (await admin.OpenAsync(Guid.NewGuid())).EnsureSuccessStatusCode();
        using var sync = await anonymous.GetAsync("/health/sync");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sync.StatusCode);
    }

    [Fact]
    public async Task PostgreSQL_down_makes_the_store_unavailable_with_503_and_ready_again_when_it_is_back()
    {
        await using var db = await OwnPostgres.StartAsync();
        await using var appliance = new ApplianceFactory(db.ConnectionString);
        appliance.StartServer();
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };
        await Poll.UntilAsync(() => ReadyAsync(anonymous), r => r.Status == HttpStatusCode.OK, Patience, "the appliance ready");

        await db.CrashAsync();
        var (status, body) = await Poll.UntilAsync(() => ReadyAsync(anonymous), r => r.Status == HttpStatusCode.ServiceUnavailable,
            Patience, "the store unavailable without its database");
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.StartsWith("unreachable: ", body.GetProperty("checks").GetProperty("postgres").GetString(), StringComparison.Ordinal);

        await db.StartAgainAsync();
        var back = await Poll.UntilAsync(() => ReadyAsync(anonymous), r => r.Status == HttpStatusCode.OK, Patience, "the store ready again");
        Assert.Equal("ready", back.Body.GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, await response.JsonAsync());
    }
}
