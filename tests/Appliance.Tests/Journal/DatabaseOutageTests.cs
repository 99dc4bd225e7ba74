using System.Net;
using Npgsql;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Journal;

public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _client = _appliance.NewClient();
        await _client.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        await SetConnectionsAllowedAsync(true);
        _client.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task WhenTheDatabaseGoesAway_CommandsAre503AndChangeNothing_AndServiceResumesByItself()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();

        await SetConnectionsAllowedAsync(false);
        using var refused = await _client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("journal-unavailable", (await refused.JsonAsync()).GetProperty("code").GetString());

        await SetConnectionsAllowedAsync(true);
        var lineId = Guid.NewGuid();
        await Poll.UntilAsync(async () =>
        {
            using var retry = await _client.AddLineAsync(orderId, lineId, "ipa", 1);
            return retry.StatusCode;
        }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the appliance to write again");

        var order = await _client.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(["burger", "ipa"], order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("menuItemId").GetString()));
        Assert.Equal(3, order.GetProperty("version").GetInt32());
        var journal = await _client.ReadJournalAsync();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.GetProperty("seq").GetInt64()));
    }

    /// <summary>Cuts the appliance's database off for real: no new connections, existing ones terminated.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var database = new NpgsqlConnectionStringBuilder(_appliance.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(await TestPostgres.AdminConnectionStringAsync());
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"alter database {database} allow_connections {(allowed ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", admin);
            terminate.Parameters.AddWithValue(database);
            await terminate.ExecuteNonQueryAsync();
        }
    }
}
