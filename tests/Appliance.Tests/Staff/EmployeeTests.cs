using System.Net;
using Npgsql;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Staff;

/// <summary>
/// Employees: a manager saves them (a keyed command, journaled without the PIN), the list never shows a PIN, two people
/// never share one, a changed PIN's old hash is erased, and people outlive a restart.
/// </summary>
public sealed class EmployeeTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    [Fact]
    public async Task An_employee_is_saved_and_listed_without_a_PIN_and_the_journal_says_only_that_the_PIN_changed()
    {
        var admin = fixture.Client;
        using var manager = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("mgr-emp", "manager"));
        // Eight digits: a shorter PIN turns up by chance inside the event ids and times the texts below carry.
        using var saved = await manager.SaveEmployeeAsync("ana", "Ana", "server", "48213579", key: "save-ana");
        var view = await saved.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("ana", "Ana", "server", true), (view.Text("employeeId"), view.Text("name"), view.Text("role"), view.GetProperty("active").GetBoolean()));
        using (var again = await manager.SaveEmployeeAsync("ana", "Ana", "server", "48213579", key: "save-ana"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }

        using var list = await manager.GetAsync("/api/v1/employees");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"employeeId\":\"ana\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("48213579", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pin", text, StringComparison.OrdinalIgnoreCase);

        var events = await admin.EventsAsync("EmployeeSaved");
        var ana = Assert.Single(events, e => e.GetProperty("data").Text("employeeId") == "ana");
        Assert.True(ana.GetProperty("data").GetProperty("pinChanged").GetBoolean());
        Assert.Equal("mgr-emp", ana.Text("deviceId"));
        Assert.DoesNotContain("48213579", ana.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("argon2", ana.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_manager_saves_people_and_two_people_never_share_a_PIN()
    {
        var admin = fixture.Client;
        using var server = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("srv-emp", "server"));
        using (var refused = await server.SaveEmployeeAsync("bo", "Bo", "server", "5555"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("bo", "Bo", "server", "5555")).StatusCode);
        using var taken = await admin.SaveEmployeeAsync("cy", "Cy", "server", "5555");
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("pin-taken", (await taken.JsonAsync()).Text("code"));
        using var noPin = await admin.SaveEmployeeAsync("cy", "Cy", "server", null);
        Assert.Equal(HttpStatusCode.BadRequest, noPin.StatusCode);
        using var badPin = await admin.SaveEmployeeAsync("cy", "Cy", "server", "12a4");
        Assert.Equal(HttpStatusCode.BadRequest, badPin.StatusCode);
        using var badRole = await admin.SaveEmployeeAsync("cy", "Cy", "owner", "1234");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task A_changed_PIN_erases_the_old_hash_and_the_old_PIN_signs_nobody_in()
    {
        var admin = fixture.Client;
        using var till = fixture.Appliance.NewClient(await admin.RegisterDeviceAsync("till-pinchange", "server"));
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("dee", "Dee", "server", "7301")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("dee", "Dee", "server", "7302")).StatusCode);

        using (var old = await till.SignInAsync("7301"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
            Assert.Equal("pin-invalid", (await old.JsonAsync()).Text("code"));
        }
        await till.SessionAsync("7302");
        await using var db = NpgsqlDataSource.Create(fixture.Appliance.ConnectionString);
        await using var cmd = db.CreateCommand("select count(*) from employee_pins where employee_id = 'dee'");
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task People_their_PINs_and_their_sessions_outlive_a_restart()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string session;
        await using (var appliance = await StartOn(database))
        {
            using var admin = appliance.NewClient();
            using var till = appliance.NewClient(await admin.RegisterDeviceAsync("till-restart", "server"));
            Assert.Equal(HttpStatusCode.OK, (await admin.SaveEmployeeAsync("eve", "Eve", "manager", "86420")).StatusCode);
            session = await till.SessionAsync("86420");
        }
        await using var again = await StartOn(database);
        using var signedIn = again.NewClient(session);
        var list = await signedIn.GetJsonAsync("/api/v1/employees"); // a manager's read, by the session's role
        Assert.Contains(list.GetProperty("employees").EnumerateArray(), e => e.Text("employeeId") == "eve");
        using var till2 = again.NewClient(await again.NewClient().RegisterDeviceAsync("till-restart-2", "server"));
        await till2.SessionAsync("86420");
    }

    private static async Task<ApplianceFactory> StartOn(string database)
    {
        var factory = new ApplianceFactory(database);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
        return factory;
    }
}
