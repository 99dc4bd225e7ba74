using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;
using Xunit.Abstractions;
using Pos.Tools;

namespace Pos.Appliance.Tests.Outages;

/// <summary>
/// Every route, once, with the appliance's PostgreSQL stopped (a cluster of this test's own): an answer from memory
/// where one needs no database, else 503 journal-unavailable with Retry-After; never a 500, never a 401 for a
/// good device token. And all of it works again once the database is back, without restarting the appliance.
/// </summary>
public sealed class EveryRouteWhileDatabaseDownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private OwnPostgres _db = null!;
    private ApplianceFactory _appliance = null!;

    public async Task InitializeAsync()
    {
        _db = await OwnPostgres.StartAsync();
        _appliance = new ApplianceFactory(_db.ConnectionString);
        _appliance.StartServer();
        using var client = _appliance.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
    }

    public async Task DisposeAsync()
    {
        await _appliance.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_answers_from_memory_or_503_journal_unavailable_while_the_database_is_down_and_works_again_after()
    {
        using var admin = _appliance.NewClient();
        await admin.PutMenuAsync();
        (await admin.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = FreePort.Next(), station = "kitchen" }))
            .EnsureSuccessStatusCode();
        using var device = _appliance.NewClient(await admin.RegisterDeviceAsync("till-1"));
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        var jobs = await Poll.UntilAsync(() => admin.GetJsonAsync("/api/v1/printers/kitchen/jobs"), j => j.GetProperty("jobs").GetArrayLength() > 0,
            TimeSpan.FromSeconds(10), "the kitchen job to be listed");
        var jobId = jobs.GetProperty("jobs")[0].GetProperty("jobId").GetGuid();

        // (client, call, answers it may give besides 2xx and 503 journal-unavailable)
        var calls = new List<(HttpClient Client, string Name, Func<HttpClient, Task<HttpResponseMessage>> Send, HttpStatusCode[] AlsoDeclared)>
        {
            (admin, "GET /health/live", c => c.GetAsync("/health/live"), []),
            (admin, "GET /api/v1/menu", c => c.GetAsync("/api/v1/menu"), []),
            (admin, "PUT /api/v1/menu", c => c.PutAsJsonAsync("/api/v1/menu", PosClient.Menu(new { id = "pie", name = "Pie", priceMinor = 500, taxRateBp = 0, station = "kitchen" })), []),
            (admin, "POST /api/v1/orders", c => c.OpenAsync(Guid.NewGuid()), []),
            (admin, "GET /api/v1/orders?status=open", c => c.GetAsync("/api/v1/orders?status=open"), []),
            (admin, "GET /api/v1/orders/{id}", c => c.GetAsync($"/api/v1/orders/{orderId}"), []),
            (admin, "POST lines with Idempotency-Key", c => c.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
            {
                Content = JsonContent.Create(new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 1 }),
                Headers = { { "Idempotency-Key", $"k-{Guid.NewGuid()}" } },
            }), []),
            (admin, "POST lines", c => c.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1), []),
            (admin, "POST void", c => c.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{lineId}/void", new { reason = "spilled" }), []),
            (admin, "POST fire", c => c.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { }), []),
            (admin, "POST payments", c => c.PayAsync(orderId, "card", 100), []),
            (admin, "POST close", c => c.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { }), [HttpStatusCode.Conflict]),
            (admin, "GET /api/v1/journal", c => c.GetAsync("/api/v1/journal?after=0&limit=10"), []),
            (admin, "GET /api/v1/reports/daily", c => c.GetAsync("/api/v1/reports/daily"), []),
            (admin, "GET /api/v1/printers", c => c.GetAsync("/api/v1/printers"), []),
            (admin, "GET /api/v1/printers/{id}", c => c.GetAsync("/api/v1/printers/kitchen"), []),
            (admin, "PUT /api/v1/printers/{id}", c => c.PutAsJsonAsync("/api/v1/printers/bar", new { name = "Bar", host = "127.0.0.1", station = "bar" }), []),
            (admin, "GET /api/v1/printers/{id}/jobs", c => c.GetAsync("/api/v1/printers/kitchen/jobs"), []),
            (admin, "POST reprint", c => c.PostAsJsonAsync($"/api/v1/printers/kitchen/jobs/{jobId}/reprint", new { }), []),
            (admin, "POST /api/v1/devices", c => c.PostAsJsonAsync("/api/v1/devices", new { deviceId = "till-2", name = "Till 2", role = "server" }), []),
            (admin, "GET /api/v1/devices", c => c.GetAsync("/api/v1/devices"), []),
            (admin, "POST /api/v1/pairing-codes", c => c.PostAsJsonAsync("/api/v1/pairing-codes", new { role = "server" }), []),
            (admin, "POST /api/v1/pairing", c => c.PostAsJsonAsync("/api/v1/pairing", new { code = "1234567890123", name = "Phone" }), [HttpStatusCode.Unauthorized]),
            (admin, "DELETE /api/v1/devices/{id}", c => c.DeleteAsync("/api/v1/devices/no-such-device"), [HttpStatusCode.NotFound]),
            (admin, "GET /api/v1/sync/status", c => c.GetAsync("/api/v1/sync/status"), []),
            (admin, "POST /api/v1/sync/commands", c => c.PostAsJsonAsync("/api/v1/sync/commands", new
            {
                deviceId = "till-1",
                commands = new[] { new { commandId = "q-1", type = "add-line", orderId, issuedAt = DateTimeOffset.UtcNow, payload = new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 1 } } },
            }), []),
            (device, "GET /api/v1/orders/{id} with a device token", c => c.GetAsync($"/api/v1/orders/{orderId}"), []),
            (device, "POST lines with a device token", c => c.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1), []),
        };

        await _db.CrashAsync();

        var wrong = new List<string>();
        foreach (var (client, name, send, alsoDeclared) in calls)
        {
            using var response = await send(client);
            var body = await response.Content.ReadAsStringAsync();
            var ok = response.IsSuccessStatusCode || alsoDeclared.Contains(response.StatusCode)
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                    && body.Contains("\"code\":\"journal-unavailable\"", StringComparison.Ordinal));
            output.WriteLine($"{name}: {(int)response.StatusCode}");
            if (!ok)
            {
                wrong.Add($"{name}: {(int)response.StatusCode} {body}");
            }
        }
        Assert.Empty(wrong);
        // What is in memory answers, even after failed writes dropped the grains that held it.
        foreach (var read in new[] { "/api/v1/menu", "/api/v1/printers", "/api/v1/printers/kitchen", "/api/v1/printers/kitchen/jobs" })
        {
            using var answer = await admin.GetAsync(read);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {read}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        // A device token is recognised from memory: a read that needs no database answers it.
        using (var menu = await device.GetAsync("/api/v1/menu"))
        {
            Assert.Equal(HttpStatusCode.OK, menu.StatusCode);
        }
        using (var ready = await admin.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("unreachable: ", (await ready.JsonAsync()).GetProperty("checks").GetProperty("postgres").GetString());
        }

        await _db.StartAgainAsync();
        foreach (var (client, name, send, alsoDeclared) in calls)
        {
            using var answer = await Poll.UntilAsync(() => send(client), r => r.IsSuccessStatusCode || alsoDeclared.Contains(r.StatusCode),
                TimeSpan.FromSeconds(10), $"{name} to answer again");
        }
    }

    [Fact]
    public async Task While_the_database_is_down_tokens_are_checked_from_memory_a_wrong_one_is_401_then_429_and_a_good_one_from_the_same_address_is_served()
    {
        using var admin = _appliance.NewClient();
        await admin.PutMenuAsync();
        var token = await admin.RegisterDeviceAsync("till-1");

        await _db.CrashAsync();

        // Wrong tokens cost no lookup: 401, never 503, then 429 once the address failed twenty times.
        using var guesser = LoopbackAddress.NewClient("127.0.0.6", _appliance.BaseAddress, "not-a-token-of-this-appliance-at-all");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/menu")).StatusCode);
        }
        using (var limited = await guesser.GetAsync("/api/v1/menu"))
        {
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.NotNull(limited.Headers.RetryAfter);
        }
        // The till behind the same address, and the admin, are served what needs no database.
        using var till = LoopbackAddress.NewClient("127.0.0.6", _appliance.BaseAddress, token);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/api/v1/menu")).StatusCode);
        using var sameAddressAdmin = LoopbackAddress.NewClient("127.0.0.6", _appliance.BaseAddress, ApplianceFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await sameAddressAdmin.GetAsync("/api/v1/printers")).StatusCode);

        await _db.StartAgainAsync();
        await Poll.UntilAsync(() => till.OpenAsync(Guid.NewGuid()), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(10),
            "the till behind the limited address to open an order once the database is back");
    }
}
