using System.Net;
using System.Text.Json;
using Npgsql;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests;

/// <summary>A silo is ready when its PostgreSQL answers and it is an active member of its cluster; it says why when not.</summary>
public sealed class HealthTests : CloudTest
{
    [Fact]
    public async Task Ready_is_200_while_postgres_answers_and_503_naming_postgres_while_it_does_not()
    {
        using var anonymous = Cloud.NewClient(token: null);
        var ready = await Poll.UntilAsync(() => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the silo to be ready");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", report.GetProperty("status").GetString());
        Assert.Equal("ok", report.GetProperty("checks").GetProperty("postgres").GetString());
        Assert.Equal("ok", report.GetProperty("checks").GetProperty("silo").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        var database = new NpgsqlConnectionStringBuilder(Cloud.ConnectionString).Database!;
        await AllowConnectionsAsync(database, allow: false);
        try
        {
            var down = await Poll.UntilAsync(() => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "the silo to say it is not ready");
            var why = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("unavailable", why.GetProperty("status").GetString());
            Assert.NotEqual("ok", why.GetProperty("checks").GetProperty("postgres").GetString());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            // The routes answer the fault as a declared 503 (send again), never a 500.
            foreach (var path in new[] { "/cloud/v1/reports/daily?businessDate=2026-11-25", "/cloud/v1/reports/range?from=2026-11-01&to=2026-11-30",
                         "/cloud/v1/groups", "/cloud/v1/stores" })
            {
                using var fault = await Hq.GetAsync(path);
                var problem = JsonDocument.Parse(await fault.Content.ReadAsStringAsync()).RootElement;
                Assert.True(fault.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)fault.StatusCode} {problem}");
                Assert.Equal("try-again", problem.GetProperty("code").GetString());
            }
        }
        finally
        {
            await AllowConnectionsAsync(database, allow: true);
        }
        await Poll.UntilAsync(() => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the silo to be ready again");
    }

    /// <summary>Refuses (and ends) every connection to the silo's database, or lets them in again.</summary>
    private static async Task AllowConnectionsAsync(string database, bool allow)
    {
        await using var admin = new NpgsqlConnection(await TestPostgres.AdminConnectionStringAsync());
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"alter database \"{database}\" with allow_connections {(allow ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!allow)
        {
            await using var end = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", admin);
            end.Parameters.AddWithValue(database);
            await end.ExecuteScalarAsync();
        }
    }
}
