using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Api.Staff;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Staff;

/// <summary>
/// Sessions that can never be used again are forgotten on the store clock: an expired one leaves memory and the table
/// within the hour after it expired, a signed-out one leaves the table; a live one stays and works.
/// </summary>
public sealed class StaffSessionPurgeTests
{
    [Fact]
    public async Task Expired_and_ended_sessions_are_purged_from_memory_and_the_table_within_the_hour_and_live_ones_stay()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var admin = appliance.NewClient();
        using var till = appliance.NewClient(await admin.RegisterDeviceAsync("till-purge", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("fay", "Fay", "server", "5151")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("gus", "Gus", "server", "5252")).StatusCode);
        var directory = appliance.Services.GetRequiredService<StaffSessionDirectory>();
        await using var db = NpgsqlDataSource.Create(appliance.ConnectionString);

        var expiring = await till.SessionAsync("5151");
        using (var signedOut = appliance.NewClient(await till.SessionAsync("5252")))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await signedOut.DeleteAsync("/api/v1/staff-sessions/current")).StatusCode);
        }
        Assert.Equal(1, directory.Count);
        Assert.Equal(2L, await RowsAsync(db));

        // Eleven hours on (a session lasts twelve), a new sign-in; then two hours more: the first has expired, the new one not.
        appliance.Time.Advance(TimeSpan.FromHours(11));
        var live = await till.SessionAsync("5252");
        appliance.Time.Advance(TimeSpan.FromHours(2));

        await Poll.UntilAsync(() => RowsAsync(db), rows => rows == 1, TimeSpan.FromSeconds(30), "the expired and the ended session's rows to be purged");
        Assert.Equal(1, directory.Count);
        using (var expired = appliance.NewClient(expiring))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/orders?status=open")).StatusCode);
        }
        using var stillLive = appliance.NewClient(live);
        Assert.Equal(HttpStatusCode.OK, (await stillLive.GetAsync("/api/v1/orders?status=open")).StatusCode);
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("select count(*) from staff_sessions");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
