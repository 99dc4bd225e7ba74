using System.Net;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Events;

/// <summary>
/// GET /api/v1/events with the appliance's PostgreSQL stopped (a cluster of this test's own): a stream asked for then
/// is 503 journal-unavailable with Retry-After, before it starts; a stream already open stays open and goes on with
/// the next events, none missing, once the database is back.
/// </summary>
public sealed class EventStreamOutageTests : IAsyncLifetime
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
    public async Task While_the_database_is_away_a_new_stream_is_503_and_an_open_one_waits_and_goes_on_after()
    {
        using var admin = _appliance.NewClient();
        await admin.PutMenuAsync();
        await using var open = await EventStreamReader.OpenAsync(admin);
        var opening = await open.NextBlockAsync();

        await _db.CrashAsync();
        using (var refused = await admin.GetAsync("/api/v1/events"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("journal-unavailable", (await refused.JsonAsync()).GetProperty("code").GetString());
        }

        await _db.StartAgainAsync();
        var orderId = Guid.NewGuid();
        await Poll.UntilAsync(() => admin.OpenAsync(orderId), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(20),
            "an order to open once the database is back");
        var next = await open.NextEventAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(opening.Seq + 1, next.Seq);
        Assert.Equal($"order-{orderId}", next.Json.GetProperty("streamId").GetString());
    }
}
