using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pos.Grains.Clock;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Sync;

/// <summary>
/// The journal's replay to a real cloud process, with the line to it cut, answers lost, and the appliance
/// killed: the store never stops, and the cloud ends up with exactly the store's journal.
/// </summary>
public sealed class SyncTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);
    private static readonly StoreClockOptions NewYork = new() { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) };
    private static readonly string[] FigureNames =
        ["businessDate", "currency", "ordersClosed", "ordersOpen", "grossSalesMinor", "voidsMinor", "netSalesMinor", "taxMinor", "tipsMinor", "tenders", "items"];

    [Fact]
    public async Task A_long_outage_across_a_business_day_drains_by_itself_and_the_cloud_equals_the_journal()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var link = await rig.LinkAsync("outage");
        // 17:00 in New York on 2026-11-25; the business day turns at 04:00.
        await using var appliance = await ApplianceFactory.StartAsync(NewYork, new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5)), link);
        using var client = appliance.NewClient();
        await client.PutMenuAsync();
        for (var i = 0; i < 5; i++)
        {
            await OrderAsync(client);
        }
        var before = await SyncRig.DrainedAsync(client, Drain);
        var syncedBefore = before.GetProperty("ackedSeq").GetInt64();

        // The line goes down for twelve hours of store time: 240 orders, one every three minutes, across 04:00.
        rig.Proxy.Mode = ProxyMode.Refuse;
        var jobsBefore = await JobRowsAsync(appliance.ConnectionString);
        var outage = System.Diagnostics.Stopwatch.StartNew();
        Guid? lateTab = null;
        var lateTabClosed = false;
        for (var i = 0; i < 240; i++)
        {
            var now = TimeZoneInfo.ConvertTime(appliance.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
            if (now.Hour == 3 && now.Minute >= 30 && lateTab is null)
            {
                lateTab = await OpenTabAsync(client); // opened on the 25th, closed after the day turned
            }
            if (now.Hour == 4 && now.Minute >= 3 && lateTab is { } tab && !lateTabClosed)
            {
                await CloseAsync(client, tab);
                lateTabClosed = true;
            }
            await OrderAsync(client);
            appliance.Time.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.True(lateTabClosed);
        var firstDay = new DateOnly(2026, 11, 25);
        var secondDay = new DateOnly(2026, 11, 26);

        // Offline all along, and honest about it; the seal of the 25th is in the journal, not yet in the cloud.
        var (offline, _) = await Poll.UntilAsync(
            async () => (Status: await SyncRig.SyncStatusAsync(client),
                Sealed: (await client.ReadJournalAsync()).Any(e => e.GetProperty("type").GetString() == "BusinessDaySealed")),
            x => !x.Status.GetProperty("online").GetBoolean() && x.Status.GetProperty("lastError").GetString() is { Length: > 0 } && x.Sealed,
            Drain, "the appliance to report the cloud away and to seal the 25th");
        Assert.True(offline.GetProperty("pending").GetInt64() > 1_000, offline.ToString());
        var stale = await rig.CloudReportAsync("outage", firstDay);
        Assert.False(stale.GetProperty("complete").GetBoolean());
        Assert.Equal(syncedBefore, stale.GetProperty("syncedThroughSeq").GetInt64());

        // Over a thousand appends while the cloud was away wrote no job row per append: Hangfire retries the one sync
        // job it has (none at all is new when a job was already queued as the line went down), and at most one row
        // per attempt (every 2 s at most here) however it falls.
        var jobsDuring = await JobRowsAsync(appliance.ConnectionString) - jobsBefore;
        Assert.InRange(jobsDuring, 0, (long)(outage.Elapsed.TotalSeconds / 2) + 5);

        // The line comes back: nobody does anything, the backlog drains.
        rig.Proxy.Mode = ProxyMode.Pass;
        var after = await SyncRig.DrainedAsync(client, Drain);
        Assert.True(after.GetProperty("online").GetBoolean());
        await rig.AssertCloudEqualsJournalAsync("outage", client);

        // HQ's report of the 25th is the store's own, and provably complete; the 26th is not over yet.
        var storeReport = await client.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-25");
        var cloudReport = await rig.CloudReportAsync("outage", firstDay);
        Assert.True(cloudReport.GetProperty("complete").GetBoolean(), cloudReport.ToString());
        AssertSameFigures(storeReport, Figures(cloudReport));
        Assert.True(storeReport.GetProperty("ordersClosed").GetInt32() > 100);
        var today = await rig.CloudReportAsync("outage", secondDay);
        Assert.False(today.GetProperty("complete").GetBoolean());
        Assert.Equal(after.GetProperty("journalHeadSeq").GetInt64(), today.GetProperty("syncedThroughSeq").GetInt64());
        AssertSameFigures(await client.GetJsonAsync("/api/v1/reports/daily?businessDate=2026-11-26"), Figures(today));
    }

    [Fact]
    public async Task A_backlog_larger_than_the_clouds_limit_on_one_body_goes_up_in_several_batches()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Refuse);
        var link = await rig.LinkAsync("big-menus");
        await using var appliance = await ApplianceFactory.StartAsync(NewYork, null, link);
        using var client = appliance.NewClient();

        // Ten whole menus of 2,000 items while the cloud is away: each MenuReplaced event is over half a megabyte,
        // so the backlog (one page of the journal) is more than the 4 MiB the cloud takes in one body.
        for (var version = 1; version <= 10; version++)
        {
            using var put = await client.PutAsJsonAsync("/api/v1/menu", BigMenu(version));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        var journal = await client.ReadJournalAsync();
        var unescaped = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var bytes = journal.Sum(e => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(e.GetProperty("data"), unescaped)));
        Assert.True(bytes > 5 * 1024 * 1024, $"the backlog's data is {bytes:N0} bytes: it fits in one body, nothing is tested");

        rig.Proxy.Mode = ProxyMode.Pass;
        var drained = await SyncRig.DrainedAsync(client, Drain);
        Assert.Equal(journal[^1].GetProperty("seq").GetInt64(), drained.GetProperty("ackedSeq").GetInt64());
        await rig.AssertCloudEqualsJournalAsync("big-menus", client);
    }

    /// <summary>Nearly the most a menu holds: 2,000 items, each name 97 characters, most of them two bytes each.</summary>
    private static object BigMenu(int version) => new
    {
        currency = "USD",
        items = Enumerable.Range(1, 2_000).Select(i => new
        {
            id = $"item-{i:D4}",
            name = $"{version}-{i:D4} " + new string('\u00e9', 90),
            priceMinor = 100 + i,
            taxRateBp = 825,
            station = i % 2 == 0 ? "kitchen" : "bar",
        }).ToArray(),
    };

    [Fact]
    public async Task Killed_after_the_cloud_stored_a_batch_but_before_the_checkpoint_nothing_is_counted_twice()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Refuse);
        var link = await rig.LinkAsync("killed");
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-").FullName;
        long head;
        await using (var first = await ApplianceProcess.StartAsync(db, dataDir, link))
        {
            using var client = first.NewClient();
            await client.PutMenuAsync();
            for (var i = 0; i < 20; i++)
            {
                await OrderAsync(client);
            }
            head = (await SyncRig.SyncStatusAsync(client)).GetProperty("journalHeadSeq").GetInt64();

            // The cloud takes the batch, and its answer is lost on the way back.
            rig.Proxy.Mode = ProxyMode.SwallowAnswers;
            await Poll.UntilAsync(() => rig.CloudJournalAsync("killed"), rows => rows.Count == head, Drain, "the cloud to store the batch");
            Assert.Equal(0, (await SyncRig.SyncStatusAsync(client)).GetProperty("ackedSeq").GetInt64());
            // The lost answer is given up after POS_SYNC_TIMEOUT (5 s in the rig; its three tries within 12.5 s), not
            // the default 30 s (75 s), and the batch is not counted.
            var gaveUp = await Poll.UntilAsync(() => SyncRig.SyncStatusAsync(client),
                s => s.GetProperty("lastError").GetString() is { } error && error.Contains("did not answer within", StringComparison.Ordinal),
                Drain, "the attempt whose answer was lost to time out");
            var waited = System.Text.RegularExpressions.Regex.Match(gaveUp.GetProperty("lastError").GetString()!, @"within (\d+) s");
            Assert.InRange(int.Parse(waited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 5, 13);
            Assert.Equal(0, gaveUp.GetProperty("ackedSeq").GetInt64());
            await first.KillAsync();
        }

        rig.Proxy.Mode = ProxyMode.Pass;
        await using var second = await ApplianceProcess.StartAsync(db, dataDir, link);
        using var again = second.NewClient();
        var drained = await SyncRig.DrainedAsync(again, Drain);
        Assert.Equal(head, drained.GetProperty("ackedSeq").GetInt64());
        await rig.AssertCloudEqualsJournalAsync("killed", again);
        var store = (await rig.Hq.GetJsonAsync("/cloud/v1/stores")).GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == "killed");
        Assert.Equal(head, store.GetProperty("ackedSeq").GetInt64());
    }

    [Fact]
    public async Task A_published_menu_reaches_the_store_when_online_and_a_store_clock_minutes_off_does_not_stop_sync()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var link = await rig.LinkAsync("menu");
        await PublishAsync(rig, "menu", burgerPrice: 1250);
        // The store's clock is seven minutes slow: outside the five minutes a signature may be off.
        await using var appliance = await ApplianceFactory.StartAsync(NewYork, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(7), link);
        using var client = appliance.NewClient();

        var menu = await Poll.UntilAsync(() => MenuAsync(client), m => m is { } v && BurgerPrice(v) == 1250, Drain, "the published menu to arrive");
        // The categories come down with it.
        Assert.Equal(["Mains", "Drinks"], menu!.Value.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["mains", null], menu.Value.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("categoryId").GetString()));
        await OrderAsync(client);
        var synced = await SyncRig.DrainedAsync(client, Drain);
        Assert.InRange(synced.GetProperty("clockOffsetSeconds").GetDouble(), 7 * 60 - 60, 7 * 60 + 120);
        Assert.Equal(1, synced.GetProperty("menuVersion").GetInt32());

        // Offline: a new menu is published; the store goes on with the one it has.
        rig.Proxy.Mode = ProxyMode.Refuse;
        var publishedAt = DateTimeOffset.UtcNow;
        await PublishAsync(rig, "menu", burgerPrice: 1400);
        await Poll.UntilAsync(() => SyncRig.SyncStatusAsync(client),
            s => s.GetProperty("lastErrorAt").ValueKind == JsonValueKind.String && s.GetProperty("lastErrorAt").GetDateTimeOffset() > publishedAt.AddSeconds(1),
            Drain, "a failed attempt after the new menu was published");
        Assert.Equal(1250, BurgerPrice((await MenuAsync(client))!.Value));
        var order = await OrderAsync(client);
        Assert.Equal(1250, order.GetProperty("lines")[0].GetProperty("unitPriceMinor").GetInt64());

        rig.Proxy.Mode = ProxyMode.Pass;
        await Poll.UntilAsync(() => MenuAsync(client), m => m is { } v && BurgerPrice(v) == 1400, Drain, "the new menu once online");
        Assert.Equal(menu!.Value.GetProperty("version").GetInt32() + 1, (await MenuAsync(client))!.Value.GetProperty("version").GetInt32());

        // The Hangfire dashboard is the admin's: a browser is asked for the token, which opens it.
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };
        using var refused = await anonymous.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var browser = new HttpClient { BaseAddress = appliance.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{ApplianceFactory.AdminToken}")));
        using var dashboard = await browser.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("journal-sync", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<long> JobRowsAsync(string connectionString)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from hangfire.job", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task PublishAsync(SyncRig rig, string storeId, long burgerPrice)
    {
        using var published = await rig.Hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}/menu", new
        {
            currency = "USD",
            categories = new object[] { new { id = "mains", name = "Mains" }, new { id = "drinks", name = "Drinks" } },
            items = new object[]
            {
                new { id = "burger", name = "Burger", priceMinor = burgerPrice, taxRateBp = 825, station = "kitchen", categoryId = "mains" },
                new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar" },
            },
        });
        Assert.True(published.IsSuccessStatusCode, $"publishing answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement?> MenuAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/menu");
        return response.IsSuccessStatusCode ? await response.JsonAsync() : null;
    }

    private static long BurgerPrice(JsonElement menu) =>
        menu.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "burger").GetProperty("priceMinor").GetInt64();

    /// <summary>A whole order: open, a burger and a soda, paid by card with a tip, closed. Returns it as closed.</summary>
    private static async Task<JsonElement> OrderAsync(HttpClient client)
    {
        var orderId = await OpenTabAsync(client);
        return await CloseAsync(client, orderId);
    }

    private static async Task<Guid> OpenTabAsync(HttpClient client)
    {
        var orderId = Guid.NewGuid();
        (await client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "soda", 2)).EnsureSuccessStatusCode();
        return orderId;
    }

    private static async Task<JsonElement> CloseAsync(HttpClient client, Guid orderId)
    {
        var order = await client.GetJsonAsync($"/api/v1/orders/{orderId}");
        (await client.PayAsync(orderId, "card", order.GetProperty("totalMinor").GetInt64(), tipMinor: 200)).EnsureSuccessStatusCode();
        using var closed = await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { });
        closed.EnsureSuccessStatusCode();
        return await closed.JsonAsync();
    }

    private static JsonElement Figures(JsonElement cloudStore) =>
        cloudStore.TryGetProperty("report", out var report) ? report : cloudStore;

    private static void AssertSameFigures(JsonElement store, JsonElement cloud)
    {
        foreach (var name in FigureNames)
        {
            Assert.True(JsonElement.DeepEquals(store.GetProperty(name), cloud.GetProperty(name)),
                $"{name}: the store says {store.GetProperty(name)}, the cloud says {cloud.GetProperty(name)}");
        }
    }
}
